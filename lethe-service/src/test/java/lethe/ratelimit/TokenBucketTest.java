package lethe.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket on a clock the test moves by hand. */
class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aFullBucketLetsABurstThroughThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(new BucketConfig(2, 3), 0);
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).as("empty: half a second until the next token at 2/s").isEqualTo(SECOND / 2);

        assertThat(bucket.take(SECOND / 2)).isZero();
        assertThat(bucket.take(SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(new BucketConfig(10, 2), 0);
        bucket.take(0);
        bucket.take(0);
        long later = 3600 * SECOND;
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isPositive();
    }

    @Test
    void eachPrincipalHasItsOwnBucket() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(new BucketConfig(1, 1), () -> now[0]);
        assertThat(limiter.acquire("alice")).isZero();
        assertThat(limiter.acquire("alice")).isEqualTo(SECOND);
        assertThat(limiter.acquire("bob")).isZero();
        now[0] = SECOND;
        assertThat(limiter.acquire("alice")).isZero();
    }
}
