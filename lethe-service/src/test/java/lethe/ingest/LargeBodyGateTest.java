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

/**
 * Every line of every request in flight counts against one budget; one user's requests may hold only a share
 * of it, so a user whose body stalls never blocks another user (issue 14, findings 3b and 6).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LargeBodyGateTest {

    private static final long BUDGET = 1_000;
    private static final long SHARE = 750;

    @Test
    void aStalledRequestHoldingItsUsersWholeShareLeavesRoomForAnotherUser() {
        LargeBodyGate gate = new LargeBodyGate(BUDGET, SHARE, Duration.ofSeconds(10));
        try (LargeBodyGate.Pass stalled = gate.open("alice"); LargeBodyGate.Pass bobs = gate.open("bob")) {
            stalled.grew(SHARE);

            bobs.grew(BUDGET - SHARE);

            assertThat(bobs.bytes()).isEqualTo(BUDGET - SHARE);
        }
    }

    @Test
    void aUserPastTheirShareIsRefusedAtOnceWithRetryAfter() {
        LargeBodyGate gate = new LargeBodyGate(BUDGET, SHARE, Duration.ofSeconds(10));
        try (LargeBodyGate.Pass first = gate.open("alice"); LargeBodyGate.Pass second = gate.open("alice")) {
            first.grew(SHARE - 10);

            assertThatThrownBy(() -> second.grew(11))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.UNAVAILABLE);
                        assertThat(e.getResponse().getHeaderString("Retry-After")).isEqualTo("5");
                    });
        }
    }

    @Test
    void manyMediumRequestsTogetherCannotHoldMoreThanTheBudget() throws Exception {
        LargeBodyGate gate = new LargeBodyGate(BUDGET, SHARE, Duration.ofSeconds(20));
        LargeBodyGate.Pass alice = gate.open("alice");
        LargeBodyGate.Pass bob = gate.open("bob");
        alice.grew(500);
        bob.grew(400);
        CountDownLatch carolGrew = new CountDownLatch(1);

        CompletableFuture<Long> carol = CompletableFuture.supplyAsync(() -> {
            try (LargeBodyGate.Pass pass = gate.open("carol")) {
                pass.grew(200);
                carolGrew.countDown();
                return gate.heldBytes();
            }
        });

        assertThat(carolGrew.await(300, TimeUnit.MILLISECONDS)).as("carol passed while the budget was full").isFalse();
        alice.close();
        assertThat(carol.get(10, TimeUnit.SECONDS)).isEqualTo(600);
        bob.close();
    }

    @Test
    void aRequestThatWaitsTooLongIsToldToRetryAndHoldsNothing() {
        LargeBodyGate gate = new LargeBodyGate(BUDGET, SHARE, Duration.ofMillis(50));
        try (LargeBodyGate.Pass first = gate.open("alice"); LargeBodyGate.Pass second = gate.open("bob")) {
            first.grew(SHARE);
            assertThatThrownBy(() -> second.grew(BUDGET - SHARE + 1))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.UNAVAILABLE));
            assertThat(second.bytes()).isZero();
        }
        assertThat(gate.heldBytes()).isZero();
    }

    @Test
    void theDefaultBudgetIsAThirdOfTheHeapWithThreeQuartersOfItForOneUser() {
        LargeBodyGate gate = LargeBodyGate.sizedToHeap();
        long budget = Runtime.getRuntime().maxMemory() / 3;
        try (LargeBodyGate.Pass pass = gate.open("alice")) {
            pass.grew(budget / 4 * 3);
            assertThatThrownBy(() -> pass.grew(1)).isInstanceOf(ProblemException.class);
        }
    }
}
