package lethe.ratelimit;

/**
 * A classic token bucket: it holds up to {@code burst} tokens, refills at a steady rate, and each
 * request takes one. Time comes in as nanoseconds from a monotonic clock.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(BucketConfig config, long now) {
        this.capacity = config.getBurst();
        this.tokensPerNano = config.getRequestsPerSecond() / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes a token and answers 0, or, when the bucket is empty, the nanoseconds until one is due. */
    synchronized long take(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
}
