package lethe.ratelimit;

import com.codahale.metrics.Counter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import lethe.api.ProblemCode;
import lethe.auth.LetheUser;
import lethe.problem.ProblemException;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Answers {@code 429 RATE_LIMITED} with {@code Retry-After} once a principal has used up its bucket.
 *
 * <p>It runs after authentication (its priority is later than any the auth chain may have), because the
 * bucket belongs to the signed-in user: one budget per user, however many API keys they hold, or else
 * creating keys would multiply it. Requests no filter signed in (none reach a resource) pass untouched.
 */
@Priority(Priorities.USER + 1000)
public class RateLimitFilter implements ContainerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final RateLimiter ingest;
    private final RateLimiter reads;
    private final Counter limited;

    RateLimitFilter(RateLimiter ingest, RateLimiter reads, Counter limited) {
        this.ingest = ingest;
        this.reads = reads;
        this.limited = limited;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof LetheUser user)) {
            return;
        }
        boolean read = READ_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT));
        RateLimiter limiter = read ? reads : ingest;
        long waitNanos = limiter.acquire(user.name());
        if (waitNanos > 0) {
            limited.inc();
            throw tooMany(user, read ? "reads" : "ingest", limiter.config(), waitNanos);
        }
    }

    private static ProblemException tooMany(LetheUser user, String bucket, BucketConfig config, long waitNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        String detail = String.format(Locale.ROOT,
                "Too many requests for %s (rate_limits.%s: %s per second, burst %d); retry in %d s.",
                user.name(), bucket, stripZeros(config.getRequestsPerSecond()), config.getBurst(), seconds);
        return new ProblemException(ProblemCode.RATE_LIMITED, detail, null,
                Response.status(ProblemCode.RATE_LIMITED.status()).header("Retry-After", seconds).build());
    }

    private static String stripZeros(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
