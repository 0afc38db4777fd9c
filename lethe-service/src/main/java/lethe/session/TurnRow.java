package lethe.session;

/** A row of {@code turns} as stored; {@code toolCallInput} is the input object's JSON text. */
public record TurnRow(long id, String turnId, long seq, String role, double timestamp, String content, String model,
                      Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens,
                      String kind, String toolName, String toolCallId, String toolCallName, String toolCallInput,
                      String toolResultCallId, Boolean toolResultIsError) {
}
