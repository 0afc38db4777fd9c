package lethe.guard;

import jakarta.ws.rs.core.Response;
import lethe.api.ProblemCode;
import lethe.problem.ProblemException;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests in flight per key (an address, a user) and refuses one past the bound. */
public final class OpenRequests {

    private final int max;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public OpenRequests(int max) {
        this.max = max;
    }

    /** True when the request may go ahead; then {@link #release} must follow exactly once. */
    public boolean tryAcquire(String key) {
        AtomicInteger count = open.computeIfAbsent(key, k -> new AtomicInteger());
        if (count.incrementAndGet() > max) {
            release(key);
            return false;
        }
        return true;
    }

    public void release(String key) {
        open.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int max() {
        return max;
    }

    /** The refusal: sent at once, without reading the body, on a connection that is then closed. */
    public static ProblemException tooMany(String what, int max) {
        return new ProblemException(ProblemCode.RATE_LIMITED,
                "Too many requests in flight for " + what + " (at most " + max + "); wait for some to finish.", null,
                Response.status(ProblemCode.RATE_LIMITED.status()).header("Retry-After", 1).build());
    }
}
