package lethe.ingest;

import lethe.api.ProblemCode;
import lethe.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only one request at a time may hold more than the threshold of parsed lines; small ones never wait. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LargeBodyGateTest {

    private static final long THRESHOLD = 1_000;

    @Test
    void requestsBelowTheThresholdNeverWaitEvenWhileALargeOneIsHeld() {
        LargeBodyGate gate = new LargeBodyGate(THRESHOLD, Duration.ofSeconds(10));
        try (LargeBodyGate.Pass large = gate.open(); LargeBodyGate.Pass small = gate.open()) {
            large.grew(THRESHOLD + 1);
            small.grew(THRESHOLD / 2);
            small.grew(THRESHOLD / 2);

            assertThat(large.holdsPermit()).isTrue();
            assertThat(small.holdsPermit()).isFalse();
        }
    }

    @Test
    void aSecondLargeRequestWaitsUntilTheFirstIsStored() throws Exception {
        LargeBodyGate gate = new LargeBodyGate(THRESHOLD, Duration.ofSeconds(20));
        LargeBodyGate.Pass first = gate.open();
        first.grew(THRESHOLD * 5);
        CountDownLatch secondGrew = new CountDownLatch(1);

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try (LargeBodyGate.Pass pass = gate.open()) {
                pass.grew(THRESHOLD);
                pass.grew(1);
                secondGrew.countDown();
                return pass.holdsPermit();
            }
        });

        assertThat(secondGrew.await(300, TimeUnit.MILLISECONDS)).as("second passed while the first held the gate").isFalse();
        first.close();
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRequestThatWaitsTooLongIsToldToRetryAndHoldsNothing() {
        LargeBodyGate gate = new LargeBodyGate(THRESHOLD, Duration.ofMillis(50));
        try (LargeBodyGate.Pass first = gate.open(); LargeBodyGate.Pass second = gate.open()) {
            first.grew(THRESHOLD + 1);

            assertThatThrownBy(() -> second.grew(THRESHOLD + 1))
                    .isInstanceOfSatisfying(ProblemException.class, refused -> {
                        assertThat(refused.code()).isEqualTo(ProblemCode.UNAVAILABLE);
                        assertThat(refused.getResponse().getHeaderString("Retry-After")).isEqualTo("5");
                    });
            assertThat(second.holdsPermit()).isFalse();
        }
    }

    @Test
    void closingReleasesThePermitForTheNextLargeRequest() {
        LargeBodyGate gate = new LargeBodyGate(THRESHOLD, Duration.ofMillis(50));
        try (LargeBodyGate.Pass first = gate.open()) {
            first.grew(THRESHOLD + 1);
        }
        try (LargeBodyGate.Pass next = gate.open()) {
            next.grew(THRESHOLD + 1);
            assertThat(next.holdsPermit()).isTrue();
        }
    }

    @Test
    void theDefaultThresholdIsASixtyFourthOfTheHeapAndAtLeastOneMebibyte() {
        long expected = Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 64);
        try (LargeBodyGate.Pass pass = LargeBodyGate.sizedToHeap().open()) {
            pass.grew(expected);
            assertThat(pass.holdsPermit()).isFalse();
            pass.grew(1);
            assertThat(pass.holdsPermit()).isTrue();
        }
    }
}
