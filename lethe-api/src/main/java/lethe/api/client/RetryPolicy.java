package lethe.api.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is retried after a failure worth retrying: no answer at all, a
 * 5xx, or a 429. Delays double from {@code initialDelay} up to {@code maxDelay}, each drawn between half
 * and all of its step so that collectors restarted together do not retry in lock-step.
 *
 * @param maxAttempts  attempts in all, the first one included (1 = never retry)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** Eight attempts over about two minutes: rides out a server restart, gives up on a server that is gone. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** A server's {@code Retry-After} is honoured up to this, so a bogus value cannot park a collector for days. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
        }
    }

    public static RetryPolicy never() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The pause before attempt {@code attempt + 1}, given that attempt {@code attempt} (1-based) failed. */
    Duration delayAfter(int attempt, Duration retryAfter) {
        long step = initialDelay.toMillis();
        for (int i = 1; i < attempt && step < maxDelay.toMillis(); i++) {
            step *= 2;
        }
        step = Math.min(step, maxDelay.toMillis());
        long half = step / 2;
        Duration backoff = Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(step - half + 1));
        if (retryAfter == null) {
            return backoff;
        }
        Duration honoured = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        return honoured.compareTo(backoff) > 0 ? honoured : backoff;
    }
}
