package lethe.session;

/**
 * A row of {@code turns} as stored; {@code content} is its text in UTF-8 as the database holds it (the API's
 * JSON copies it out without making a String of it), {@code toolCallInput} the input object's JSON text.
 */
public record TurnRow(long id, String turnId, long seq, String role, double timestamp, byte[] content, String model,
                      Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens,
                      String kind, String toolName, String toolCallId, String toolCallName, String toolCallInput,
                      String toolResultCallId, Boolean toolResultIsError) {
}
