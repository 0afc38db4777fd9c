package lethe.db;

import lethe.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A write that would rather not happen than wait long for the SQLite write lock (a search catching up). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WriteLockPatienceTest {

    @Test
    void aWriteWithLimitedPatienceRunsNothingWhileAnotherHoldsTheLockAndRunsOnceItIsFree() throws Exception {
        try (TestDatabase test = TestDatabase.fresh()) {
            Database database = test.database();
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> database.inWriteTransaction(handle -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }), "holder");
            holder.start();
            await("the holder inside its transaction").until(() -> holder.getState() == Thread.State.WAITING);

            AtomicBoolean ran = new AtomicBoolean();
            Optional<String> impatient = database.inWriteTransactionWithin(Duration.ofMillis(50), handle -> {
                ran.set(true);
                return "written";
            });
            assertThat(impatient).isEmpty();
            assertThat(ran).isFalse();

            release.countDown();
            holder.join();
            assertThat(database.inWriteTransactionWithin(Duration.ofMillis(50), handle -> "written")).contains("written");
        }
    }
}
