package lethe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real Claude Code transcripts (test resources under {@code fixtures/claude-code/projects/sample-project/}, MIT, see the licence
 * file there) turned into lethe NDJSON the way a collector would: one turn per content block, thinking,
 * tool calls and tool output marked by {@code kind}, usage on the first block of each response, the
 * transcript's summary as the session title. Turns can be moved in time so that tests see recent activity.
 */
public final class ClaudeTranscripts {

    /** 29 lines: /init on an empty repository; titled by a summary that Claude Code wrote into a later file. */
    public static final String INIT = "fixtures/claude-code/projects/sample-project/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl";
    /** 53 lines: an orchestrator run updating CLAUDE.md. */
    public static final String ORCHESTRATOR = "fixtures/claude-code/projects/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl";
    /** 438 lines: a TODO app built with sub-agents; long tool output. */
    public static final String TODO_APP = "fixtures/claude-code/projects/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl";

    private static Map<String, String> summaries;

    private ClaudeTranscripts() {
    }

    /** The session id a fixture's turns are stored under. */
    public static String sessionId(String resource) {
        return read(resource).stream().filter(l -> l.has("sessionId")).findFirst().orElseThrow()
                .get("sessionId").asText();
    }

    /**
     * @param host     the host to file the session under
     * @param startAt  Unix seconds the session's first turn is moved to (later turns keep their spacing)
     */
    public static String ndjson(String resource, String host, double startAt) {
        List<JsonNode> lines = read(resource);
        String title = null;
        Double first = null;
        Map<String, String> toolNames = new HashMap<>();
        Map<String, String> summaries = summaries();
        for (JsonNode line : lines) {
            if (line.has("uuid") && summaries.containsKey(line.get("uuid").asText())) {
                title = summaries.get(line.get("uuid").asText());
            }
            if (line.has("timestamp") && line.has("message") && first == null) {
                first = epoch(line.get("timestamp").asText());
            }
            for (JsonNode block : line.path("message").path("content")) {
                if ("tool_use".equals(block.path("type").asText())) {
                    toolNames.put(block.path("id").asText(), block.path("name").asText());
                }
            }
        }
        double shift = first == null ? 0 : startAt - first;
        StringBuilder out = new StringBuilder();
        Set<String> usageSent = new HashSet<>();
        long seq = 0;
        for (JsonNode line : lines) {
            String type = line.path("type").asText();
            if (!type.equals("user") && !type.equals("assistant")) {
                continue;
            }
            JsonNode message = line.get("message");
            JsonNode content = message.get("content");
            List<JsonNode> blocks = new ArrayList<>();
            if (content.isTextual()) {
                blocks.add(Http.JSON.createObjectNode().put("type", "text").put("text", content.asText()));
            } else {
                content.forEach(blocks::add);
            }
            for (int i = 0; i < blocks.size(); i++) {
                ObjectNode event = turn(line, blocks.get(i), i, toolNames);
                if (event == null) {
                    continue;
                }
                event.put("tool", "claude-code").put("host", host).put("session_id", line.get("sessionId").asText())
                        .put("turn_id", line.get("uuid").asText() + "-" + i).put("seq", seq++)
                        .put("timestamp", epoch(line.get("timestamp").asText()) + shift);
                ObjectNode meta = event.putObject("session_meta");
                meta.put("source_file", "~/.claude/projects/sample-project/" + resource.substring(resource.lastIndexOf('/') + 1));
                meta.put("cwd", line.path("cwd").asText());
                meta.put("git_branch", line.path("gitBranch").asText());
                meta.put("version", line.path("version").asText());
                if (title != null) {
                    meta.put("title", title);
                }
                if ("assistant".equals(message.path("role").asText())) {
                    event.put("model", message.path("model").asText());
                    // One response is split over several lines sharing message.id, each repeating its usage.
                    if (message.has("usage") && usageSent.add(message.path("id").asText(line.get("uuid").asText()))) {
                        JsonNode usage = message.get("usage");
                        event.putObject("usage")
                                .put("input_tokens", usage.path("input_tokens").asLong())
                                .put("output_tokens", usage.path("output_tokens").asLong())
                                .put("cache_read_tokens", usage.path("cache_read_input_tokens").asLong())
                                .put("cache_write_tokens", usage.path("cache_creation_input_tokens").asLong());
                    }
                }
                out.append(event).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Claude Code writes a session's summary line at the top of a later session's file, pointing back
     * with {@code leafUuid} at a message of the session it describes: map those messages to summaries.
     */
    private static synchronized Map<String, String> summaries() {
        if (summaries != null) {
            return summaries;
        }
        Map<String, String> byLeaf = new HashMap<>();
        for (String fixture : List.of(INIT, ORCHESTRATOR, TODO_APP)) {
            for (JsonNode line : read(fixture)) {
                if ("summary".equals(line.path("type").asText())) {
                    byLeaf.put(line.path("leafUuid").asText(), line.path("summary").asText());
                }
            }
        }
        summaries = byLeaf;
        return byLeaf;
    }

    private static ObjectNode turn(JsonNode line, JsonNode block, int index, Map<String, String> toolNames) {
        String role = line.get("message").path("role").asText();
        ObjectNode event = Http.JSON.createObjectNode();
        switch (block.path("type").asText()) {
            case "text" -> event.put("role", role).put("kind", "text").put("content", block.path("text").asText());
            case "thinking" -> event.put("role", "assistant").put("kind", "thinking").put("content", block.path("thinking").asText());
            case "tool_use" -> event.put("role", "assistant").put("kind", "tool_use")
                    .put("tool_name", block.path("name").asText())
                    .put("content", block.get("input").toPrettyString());
            case "tool_result" -> {
                event.put("role", "tool").put("kind", "tool_result").put("content", resultText(block.get("content")));
                String name = toolNames.get(block.path("tool_use_id").asText());
                if (name != null) {
                    event.put("tool_name", name);
                }
            }
            default -> {
                return null;
            }
        }
        return event;
    }

    private static String resultText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static double epoch(String iso) {
        Instant instant = Instant.parse(iso);
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static List<JsonNode> read(String resource) {
        InputStream in = ClaudeTranscripts.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(Http.JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
