package lethe.ingest;

/**
 * What the turns newly inserted by one request add to their session: how many, their time span and
 * token sums (null where none of them carried that count), and whether a user turn was among them.
 */
public final class SessionGrowth {

    private final long sessionPk;
    private long turns;
    private double firstAt = Double.POSITIVE_INFINITY;
    private double lastAt = Double.NEGATIVE_INFINITY;
    private Long inputTokens;
    private Long outputTokens;
    private Long cacheReadTokens;
    private Long cacheWriteTokens;
    private boolean userTurn;

    SessionGrowth(long sessionPk) {
        this.sessionPk = sessionPk;
    }

    void add(NewTurn turn) {
        turns++;
        firstAt = Math.min(firstAt, turn.timestamp());
        lastAt = Math.max(lastAt, turn.timestamp());
        inputTokens = plus(inputTokens, turn.inputTokens());
        outputTokens = plus(outputTokens, turn.outputTokens());
        cacheReadTokens = plus(cacheReadTokens, turn.cacheReadTokens());
        cacheWriteTokens = plus(cacheWriteTokens, turn.cacheWriteTokens());
        userTurn |= "user".equals(turn.role());
    }

    /** Like SQL's sum(): null until a value is seen. */
    private static Long plus(Long total, Long value) {
        if (value == null) {
            return total;
        }
        return total == null ? value : total + value;
    }

    boolean hasUserTurn() {
        return userTurn;
    }

    public long sessionPk() {
        return sessionPk;
    }

    public long turns() {
        return turns;
    }

    public double firstAt() {
        return firstAt;
    }

    public double lastAt() {
        return lastAt;
    }

    public Long inputTokens() {
        return inputTokens;
    }

    public Long outputTokens() {
        return outputTokens;
    }

    public Long cacheReadTokens() {
        return cacheReadTokens;
    }

    public Long cacheWriteTokens() {
        return cacheWriteTokens;
    }
}
