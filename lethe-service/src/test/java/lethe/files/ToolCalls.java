package lethe.files;

import lethe.testing.Turns;

/**
 * v2 NDJSON lines of tool calls in the shapes the importers send for each assistant (see the transcripts in
 * /work/shared/fixtures/assistants): Claude Code's {@code Read}/{@code Edit}/… with {@code file_path}, Codex's
 * {@code apply_patch} with the patch under {@code input}, Gemini CLI's {@code read_file}/{@code write_file}/
 * {@code replace}, opencode's {@code read}/{@code write}/{@code edit} with {@code filePath}.
 */
final class ToolCalls {

    private ToolCalls() {
    }

    /** A tool_use turn of {@code session} calling {@code name} with {@code inputJson} (a JSON object). */
    static String call(String tool, String session, String turnId, long seq, String project, String name,
                       String summary, String inputJson) {
        return "{\"tool\":\"" + tool + "\",\"host\":\"laptop\",\"session_id\":\"" + session + "\",\"turn_id\":\"" + turnId
                + "\",\"seq\":" + seq + ",\"role\":\"assistant\",\"timestamp\":" + (1700000000 + seq)
                + ",\"content\":" + Turns.quote(summary) + ",\"kind\":\"tool_use\""
                + ",\"tool_call\":{\"id\":\"call-" + turnId + "\",\"name\":\"" + name + "\",\"input\":" + inputJson + "}"
                + ",\"session_meta\":{\"cwd\":" + Turns.quote(project) + "}}";
    }

    /** A user turn saying {@code text}. */
    static String user(String tool, String session, String turnId, long seq, String text) {
        return Turns.line(tool, "laptop", session, turnId, seq, "user", 1700000000 + seq, text);
    }

    static String path(String key, String path) {
        return "{\"" + key + "\":" + Turns.quote(path) + "}";
    }

    /** Codex's patch text, the headers of its files and a hunk each, as apply_patch takes it. */
    static String patch(String... headers) {
        StringBuilder patch = new StringBuilder("*** Begin Patch\n");
        for (String header : headers) {
            patch.append(header).append('\n');
            if (!header.startsWith("*** Delete") && !header.startsWith("*** Move")) {
                patch.append("@@\n-old line\n+new line\n");
            }
        }
        return patch.append("*** End Patch\n").toString();
    }
}
