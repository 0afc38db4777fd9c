package lethe.db;

import lethe.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, finding 3b, on SQLite (where writes queue for one lock; the suite's default backend): one user's
 * many concurrent writes never make another user's write wait for all of them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnerWriteQueueTest {

    private final List<String> order = new CopyOnWriteArrayList<>();

    private Thread write(Database database, String owner, String name, CountDownLatch holdUntil) {
        Thread thread = new Thread(() -> database.inWriteTransaction(owner, handle -> {
            try {
                holdUntil.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            order.add(name);
            return null;
        }), name);
        thread.start();
        return thread;
    }

    private static void awaitBlocked(Thread thread) {
        await(thread.getName() + " waiting for its turn").atMost(Duration.ofSeconds(10))
                .until(() -> thread.getState() == Thread.State.WAITING);
    }

    @Test
    void anotherUsersWriteWaitsForAtMostOneOfAnOwnersQueuedWrites() throws Exception {
        try (TestDatabase test = TestDatabase.fresh()) {
            Database database = test.database();
            CountDownLatch mallorysFirstWrite = new CountDownLatch(1);
            CountDownLatch open = new CountDownLatch(0);
            Thread first = write(database, "mallory", "mallory-1", mallorysFirstWrite);
            awaitBlocked(first);
            List<Thread> queued = new CopyOnWriteArrayList<>();
            for (int i = 2; i <= 5; i++) {
                Thread next = write(database, "mallory", "mallory-" + i, open);
                awaitBlocked(next);
                queued.add(next);
            }
            Thread bob = write(database, "bob", "bob", open);
            awaitBlocked(bob);

            mallorysFirstWrite.countDown();
            first.join();
            bob.join();
            for (Thread thread : queued) {
                thread.join();
            }

            assertThat(order).hasSize(6);
            assertThat(order.subList(0, 2)).contains("bob");
            assertThat(order.stream().filter(name -> name.startsWith("mallory")))
                    .containsExactly("mallory-1", "mallory-2", "mallory-3", "mallory-4", "mallory-5");
        }
    }
}
