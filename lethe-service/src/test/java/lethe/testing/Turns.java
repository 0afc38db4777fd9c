package lethe.testing;

import java.util.Locale;

/** Builds NDJSON turn lines for tests. */
public final class Turns {

    private Turns() {
    }

    public static String line(String sessionId, String turnId, long seq, String role, double timestamp, String content) {
        return line("claude-code", "laptop", sessionId, turnId, seq, role, timestamp, content);
    }

    public static String line(String tool, String host, String sessionId, String turnId, long seq, String role,
                              double timestamp, String content) {
        return String.format(Locale.ROOT,
                "{\"tool\":\"%s\",\"host\":\"%s\",\"session_id\":\"%s\",\"turn_id\":\"%s\",\"seq\":%d,"
                        + "\"role\":\"%s\",\"timestamp\":%s,\"content\":%s}",
                tool, host, sessionId, turnId, seq, role, timestamp, quote(content));
    }

    public static String quote(String text) {
        try {
            return Http.JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
