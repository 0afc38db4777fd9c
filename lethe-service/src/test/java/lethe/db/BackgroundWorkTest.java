package lethe.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundWorkTest {

    @Test
    void aFailingStepIsTriedAgainAfterABackOffThatDoublesUpToAMinute() {
        List<Long> seconds = new ArrayList<>();
        for (int failures = 1; failures <= 7; failures++) {
            seconds.add(BackgroundWork.backOff(failures).toSeconds());
        }
        assertThat(seconds).containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L);
    }

    @Test
    void workRunsStepByStepUntilItIsFinishedAndStopsWhenAskedWhileWaiting() throws Exception {
        List<Integer> steps = new CopyOnWriteArrayList<>();
        BackgroundWork finite = new BackgroundWork("finite-work", "Counting") {
            @Override
            protected boolean step() {
                steps.add(steps.size());
                return steps.size() < 3;
            }
        };
        finite.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> steps.size() == 3);
        finite.stop();
        assertThat(steps).containsExactly(0, 1, 2);

        CountDownLatch waitingStarted = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        BackgroundWork waiting = new BackgroundWork("waiting-work", "Waiting") {
            @Override
            protected boolean step() throws InterruptedException {
                waitingStarted.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(10).toMillis());
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
                return true;
            }
        };
        waiting.start();
        waitingStarted.await();
        waiting.stop();
        assertThat(interrupted).isTrue();
    }

    @Test
    void workWithNothingToDoAtStartupNeverStartsItsThread() throws Exception {
        List<Integer> steps = new CopyOnWriteArrayList<>();
        BackgroundWork idle = new BackgroundWork("idle-work", "Nothing") {
            @Override
            protected boolean needed() {
                return false;
            }

            @Override
            protected boolean step() {
                steps.add(1);
                return false;
            }
        };
        idle.start();
        idle.stop();
        assertThat(steps).isEmpty();
    }
}
