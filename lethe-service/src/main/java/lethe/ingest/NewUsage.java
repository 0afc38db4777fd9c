package lethe.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What newly inserted turns add to one usage bucket ({@code usage_quarter_hours}: session, quarter hour,
 * model), with the arithmetic of the rollup's triggers: only turns that reported some usage count, a
 * missing count is 0, a missing model is {@code ''}, and the {@code *_over} columns sum each turn's tokens
 * above {@link #TIER}.
 */
public record NewUsage(long sessionPk, String owner, long quarter, String model, long turns,
                       long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                       long inputOver, long outputOver, long cacheReadOver, long cacheWriteOver) {

    static final long TIER = 200_000;
    private static final int QUARTER_SECONDS = 900;

    /** The buckets the turns add to, one entry per bucket; turns without usage add nothing. */
    static List<NewUsage> of(String owner, List<NewTurn> inserted) {
        Map<Bucket, NewUsage> buckets = new LinkedHashMap<>();
        for (NewTurn turn : inserted) {
            if (turn.inputTokens() == null && turn.outputTokens() == null && turn.cacheReadTokens() == null
                    && turn.cacheWriteTokens() == null) {
                continue;
            }
            // As the triggers' CAST(timestamp / 900 AS INTEGER): the same double division; timestamps are never negative.
            long quarter = (long) (turn.timestamp() / QUARTER_SECONDS);
            String model = turn.model() != null ? turn.model() : "";
            NewUsage one = new NewUsage(turn.sessionPk(), owner, quarter, model, 1,
                    count(turn.inputTokens()), count(turn.outputTokens()), count(turn.cacheReadTokens()),
                    count(turn.cacheWriteTokens()), over(turn.inputTokens()), over(turn.outputTokens()),
                    over(turn.cacheReadTokens()), over(turn.cacheWriteTokens()));
            buckets.merge(new Bucket(turn.sessionPk(), quarter, model), one, NewUsage::plus);
        }
        return List.copyOf(buckets.values());
    }

    private NewUsage plus(NewUsage other) {
        return new NewUsage(sessionPk, owner, quarter, model, turns + other.turns,
                inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens,
                inputOver + other.inputOver, outputOver + other.outputOver,
                cacheReadOver + other.cacheReadOver, cacheWriteOver + other.cacheWriteOver);
    }

    private static long count(Long tokens) {
        return tokens != null ? tokens : 0;
    }

    private static long over(Long tokens) {
        return Math.max(count(tokens) - TIER, 0);
    }

    private record Bucket(long sessionPk, long quarter, String model) {
    }
}
