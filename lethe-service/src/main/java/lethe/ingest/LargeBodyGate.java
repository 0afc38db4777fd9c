package lethe.ingest;

import jakarta.ws.rs.core.Response;
import lethe.api.ProblemCode;
import lethe.problem.ProblemException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets only one request at a time hold more than {@code thresholdBytes} of parsed lines in memory.
 *
 * <p>A request is stored whole or not at all, so every line of it stays on the heap until its
 * transaction commits. One 64 MiB body fits in the heap the README recommends; four at once do not, and
 * an {@code OutOfMemoryError} would fail every request in flight, not just the large ones. Small requests,
 * which are what collectors normally send, never wait here; a request that grows past the threshold waits
 * (holding only the threshold's worth of lines) until the large request before it has been stored.
 */
public final class LargeBodyGate {

    private static final long MIN_THRESHOLD = 1L << 20;
    private static final long RETRY_AFTER_SECONDS = 5;
    /** Long enough for a few 64 MiB bodies ahead in the queue; a collector's HTTP timeout is usually longer. */
    private static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

    private final Semaphore permit = new Semaphore(1, true);
    private final long thresholdBytes;
    private final Duration maxWait;

    public LargeBodyGate(long thresholdBytes, Duration maxWait) {
        this.thresholdBytes = thresholdBytes;
        this.maxWait = maxWait;
    }

    /** A sixty-fourth of the heap: 4 MiB at {@code -Xmx256m}, above any 1 000-line request of real transcripts. */
    public static LargeBodyGate sizedToHeap() {
        return new LargeBodyGate(Math.max(MIN_THRESHOLD, Runtime.getRuntime().maxMemory() / 64), DEFAULT_MAX_WAIT);
    }

    /** Tracks one request's parsed bytes; {@link Pass#close()} must run once the request is stored or refused. */
    public Pass open() {
        return new Pass();
    }

    public final class Pass implements AutoCloseable {
        private long bytes;
        private boolean holding;

        /** Counts a parsed line; past the threshold, blocks until this request may grow further. */
        public void grew(long lineBytes) {
            bytes += lineBytes;
            if (bytes > thresholdBytes && !holding) {
                acquire();
            }
        }

        private void acquire() {
            try {
                if (!permit.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw busy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            }
            holding = true;
        }

        private ProblemException busy() {
            return new ProblemException(ProblemCode.UNAVAILABLE,
                    "Other large requests are being stored; retry shortly, or send smaller requests.", null,
                    Response.status(ProblemCode.UNAVAILABLE.status()).header("Retry-After", RETRY_AFTER_SECONDS).build());
        }

        boolean holdsPermit() {
            return holding;
        }

        @Override
        public void close() {
            if (holding) {
                holding = false;
                permit.release();
            }
        }
    }
}
