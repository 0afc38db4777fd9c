package lethe.ingest;

import jakarta.ws.rs.core.Response;
import lethe.api.ProblemCode;
import lethe.problem.ProblemException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the parsed lines all ingest requests together hold in memory, and what one user's requests may hold.
 *
 * <p>A request is stored whole or not at all, so every line of it stays on the heap until its transaction
 * commits. Every line of every request is counted here from the first byte: 150 bodies just under some
 * "large" threshold are as dangerous as one huge one. Past the overall budget a request waits (up to
 * {@code maxWait}) for others to finish, then is told to retry. One user's requests together may hold at
 * most {@code perUserBytes}, less than the budget, so a user whose body stalls (or who sends many at once)
 * always leaves room for everyone else: past that share the user's own request is refused at once.
 */
public final class LargeBodyGate {

    private static final long RETRY_AFTER_SECONDS = 5;
    /** Long enough for a few large bodies ahead to be stored; a collector's HTTP timeout is usually longer. */
    private static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

    private final long budgetBytes;
    private final long perUserBytes;
    private final Duration maxWait;
    private final Map<String, Long> heldByUser = new HashMap<>();
    private long held;

    public LargeBodyGate(long budgetBytes, long perUserBytes, Duration maxWait) {
        if (perUserBytes > budgetBytes) {
            throw new IllegalArgumentException("a user's share cannot exceed the budget");
        }
        this.budgetBytes = budgetBytes;
        this.perUserBytes = perUserBytes;
        this.maxWait = maxWait;
    }

    /**
     * A third of the heap for all requests (85 MiB at {@code -Xmx256m}), three quarters of that for one user:
     * enough for one 64 MiB body, while a quarter stays free for everyone else's requests.
     */
    public static LargeBodyGate sizedToHeap() {
        long budget = Runtime.getRuntime().maxMemory() / 3;
        return new LargeBodyGate(budget, budget / 4 * 3, DEFAULT_MAX_WAIT);
    }

    /** Tracks one request's parsed bytes; {@link Pass#close()} must run once the request is stored or refused. */
    public Pass open(String user) {
        return new Pass(user);
    }

    private synchronized void reserve(String user, long bytes) {
        long mine = heldByUser.getOrDefault(user, 0L);
        if (mine + bytes > perUserBytes) {
            throw refused("Your requests in flight already hold the most one user may ("
                    + perUserBytes / (1024 * 1024) + " MiB of lines); wait for them, or send smaller requests.");
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (held + bytes > budgetBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw refused("Other large requests are being stored; retry shortly, or send smaller requests.");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused("The server is stopping; retry shortly.");
            }
        }
        held += bytes;
        heldByUser.merge(user, bytes, Long::sum);
    }

    private synchronized void release(String user, long bytes) {
        held -= bytes;
        heldByUser.computeIfPresent(user, (name, mine) -> mine == bytes ? null : mine - bytes);
        notifyAll();
    }

    synchronized long heldBytes() {
        return held;
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(ProblemCode.UNAVAILABLE, detail, null,
                Response.status(ProblemCode.UNAVAILABLE.status()).header("Retry-After", RETRY_AFTER_SECONDS).build());
    }

    public final class Pass implements AutoCloseable {
        private final String user;
        private long bytes;

        private Pass(String user) {
            this.user = user;
        }

        /** Counts a parsed line; blocks while all requests together hold the budget, refuses past the user's share. */
        public void grew(long lineBytes) {
            reserve(user, lineBytes);
            bytes += lineBytes;
        }

        long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (bytes > 0) {
                release(user, bytes);
                bytes = 0;
            }
        }
    }
}
