package lethe.search;

/** One matching turn with the session it belongs to, as the search query returns it. */
public record SearchHitRow(String owner, String tool, String host, String sessionId, String sessionTitle, String project,
                           String metaJson, String turnId, long seq, String role, double timestamp, String snippet) {
}
