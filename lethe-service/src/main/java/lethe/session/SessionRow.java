package lethe.session;

/**
 * A row of {@code sessions} as stored, read by {@link SessionRowMapper}; {@link SessionService} turns it into the
 * API's {@code Session}.
 */
public record SessionRow(long id, String owner, String tool, String host, String sessionId, String firstUserText,
                         Double startedAt, Double lastActivityAt, long turnCount, Long inputTokens,
                         Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens, String metaJson,
                         double createdAt, double updatedAt, String project, String parentSessionId,
                         String parentTurnId, long subagentCount) {
}
