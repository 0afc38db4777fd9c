package lethe.bench.attack;

import java.nio.charset.StandardCharsets;

/**
 * The ingest lines of issue 14's attacks, at the sizes the review used, built as text (no JSON library
 * could hold 150 000 keys more cheaply) and checked by {@code HostileLinesTest}.
 */
final class HostileLines {

    static final String TOOL = "claude-code";
    static final String HOST = "bench";
    /** Finding 2: 150 000 keys of 17 bytes each ({@code "k000001":"abcd",}) make the review's 2.6 MB line. */
    static final int META_KEYS = 150_000;
    /** Finding 3a: a meta of 7 MB, within the 8 MiB line limit of both jars. */
    static final int BIG_META_BYTES = 7_000_000;
    /** Finding 3b: just under the old large-body threshold, a 64th of a 256 MiB heap (4 MiB). */
    static final int BODY_BYTES_IN_FLIGHT = 4_000_000;
    static final int LINES_IN_FLIGHT = 40;
    /** Finding 3c: 200 turns of 1 MiB. */
    static final int BIG_TURNS = 200;
    static final int BIG_TURN_CHARS = 1024 * 1024;

    private HostileLines() {
    }

    /** One turn, v1 wire format; {@code metaJson} may be null. Ids and content must need no escaping. */
    static String line(String sessionId, String turnId, long seq, String content, String metaJson) {
        StringBuilder line = new StringBuilder(content.length() + (metaJson == null ? 0 : metaJson.length()) + 200)
                .append("{\"tool\":\"").append(TOOL).append("\",\"host\":\"").append(HOST)
                .append("\",\"session_id\":\"").append(sessionId).append("\",\"turn_id\":\"").append(turnId)
                .append("\",\"seq\":").append(seq).append(",\"role\":\"").append(seq % 2 == 0 ? "user" : "assistant")
                .append("\",\"timestamp\":").append(1_767_268_800 + seq).append(",\"content\":\"").append(content).append('"');
        if (metaJson != null) {
            line.append(",\"session_meta\":").append(metaJson);
        }
        return line.append('}').toString();
    }

    /** Finding 2: a meta of {@code keys} distinct keys {@code k000000}… with short string values. */
    static String manyKeysMeta(int keys) {
        StringBuilder meta = new StringBuilder(keys * 17 + 2).append('{');
        for (int i = 0; i < keys; i++) {
            String number = Integer.toString(i);
            meta.append(i == 0 ? "\"k" : ",\"k").append("000000", number.length(), 6).append(number).append("\":\"abcd\"");
        }
        return meta.append('}').toString();
    }

    /** Finding 3a: a meta whose one key holds {@code bytes} of text, so the meta is about that size. */
    static String bigMeta(int bytes) {
        return "{\"cwd\":\"/home/mallory/p\",\"notes\":\"" + filler(bytes, 'n') + "\"}";
    }

    /**
     * Finding 3b: {@code lines} turns of one session whose body is {@code bodyBytes} long (newlines
     * included), the same body for every request, so the stored data stays 4 MB however often it is sent.
     */
    static byte[] bodyOfSize(String sessionId, int lines, int bodyBytes) {
        int perLine = bodyBytes / lines;
        StringBuilder body = new StringBuilder(bodyBytes);
        for (int i = 0; i < lines; i++) {
            int overhead = line(sessionId, "t" + i, i, "", null).length() + 1;
            int contentChars = perLine - overhead + (i == lines - 1 ? bodyBytes - perLine * lines : 0);
            body.append(line(sessionId, "t" + i, i, filler(contentChars, (char) ('a' + i % 26)), null)).append('\n');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Finding 3c: turn {@code turn}'s 1 MiB text, different per turn so that no two turns are alike. */
    static String bigTurn(int turn) {
        String head = "turn " + turn + " ";
        return head + filler(BIG_TURN_CHARS - head.length(), (char) ('a' + turn % 26));
    }

    /** Words of lower-case letters ending in {@code variant}, {@code chars} long in all. */
    static String filler(int chars, char variant) {
        String word = "lorem" + variant + " ";
        StringBuilder text = new StringBuilder(chars + word.length());
        while (text.length() < chars) {
            text.append(word);
        }
        text.setLength(Math.max(0, chars));
        return text.toString();
    }
}
