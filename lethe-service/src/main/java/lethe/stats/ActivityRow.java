package lethe.stats;

/**
 * Turns of one session on one day with one model (null model included), as the stats query groups
 * them. {@code day} is the ISO date in the offset the query was given. Token sums are null when no
 * turn in the group reported them.
 */
public record ActivityRow(String day, long sessionPk, String tool, String host, String model, long turns,
                          Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens,
                          String project) {
}
