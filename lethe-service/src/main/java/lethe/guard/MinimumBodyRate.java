package lethe.guard;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Cuts off a request whose body arrives slower than a minimum average rate, measured for that request alone
 * from its first read: the body then fails with a {@link TimeoutException}, which the ingest answers with 408.
 *
 * <p>Jetty's own {@code MinimumDataRateHandler} (12.1) divides the bytes its handler has read for all requests
 * since the server started by one request's time, so once a server had taken a few megabytes no slow body was
 * ever too slow, and on a fresh one a legitimate request could be. The rate is judged from {@link #GRACE} on,
 * so that the time a request's first bytes take on a busy machine does not decide it.
 */
public final class MinimumBodyRate extends Handler.Wrapper {

    static final Duration GRACE = Duration.ofSeconds(1);

    private final long bytesPerSecond;

    public MinimumBodyRate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new Metered(request), response, callback);
    }

    private final class Metered extends Request.Wrapper {

        /** When the body was first asked for; 0 before. */
        private long startNanos;
        private long bytes;
        private Content.Chunk failure;

        Metered(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (failure != null) {
                return failure;
            }
            started();
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                bytes += chunk.remaining();
                if (!chunk.isLast() && tooSlow()) {
                    chunk.release();
                    return fail();
                }
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            started();
            if (failure != null || tooSlow()) {
                fail();
                demandCallback.run();
                return;
            }
            super.demand(demandCallback);
        }

        private void started() {
            if (startNanos == 0) {
                startNanos = System.nanoTime();
            }
        }

        private boolean tooSlow() {
            long elapsed = System.nanoTime() - startNanos;
            return elapsed > GRACE.toNanos() && bytes * 1_000_000_000L / elapsed < bytesPerSecond;
        }

        private Content.Chunk fail() {
            if (failure == null) {
                failure = Content.Chunk.from(new TimeoutException("request body slower than " + bytesPerSecond + " bytes/s"));
            }
            return failure;
        }
    }
}
