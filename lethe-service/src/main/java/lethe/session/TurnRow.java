package lethe.session;

/** A row of {@code turns} as stored. */
public record TurnRow(String turnId, long seq, String role, double timestamp, String content, String model,
                      Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens,
                      String kind, String toolName) {
}
