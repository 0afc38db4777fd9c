package lethe.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per principal, in memory. Principals are allowlisted users, so the
 * map stays as small as the user base; limits start afresh when lethe restarts, which is harmless.
 */
final class RateLimiter {

    private final BucketConfig config;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(BucketConfig config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
    }

    /** 0 when {@code principal} may go ahead now, else the nanoseconds it should wait. */
    long acquire(String principal) {
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(principal, key -> new TokenBucket(config, now)).take(now);
    }

    BucketConfig config() {
        return config;
    }
}
