package lethe.guard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lethe.api.ProblemCode;
import lethe.auth.TrustedProxies;
import lethe.problem.ProblemWriter;

import java.io.IOException;

/**
 * Bounds the requests one TCP peer may have in flight, before anything reads the body, so that a stranger
 * opening hundreds of slow connections cannot hold every worker thread. The trusted proxies are exempt:
 * they carry every user's requests, which {@link lethe.ratelimit.PerUserLimit} bounds one user at a time.
 * A request past the bound gets 429 with {@code Connection: close}.
 */
public final class PerAddressLimit extends HttpFilter {

    private final OpenRequests open;
    private final TrustedProxies proxies;
    private final ProblemWriter problems;

    public PerAddressLimit(int max, TrustedProxies proxies, ProblemWriter problems) {
        this.open = new OpenRequests(max);
        this.proxies = proxies;
        this.problems = problems;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String peer = request.getRemoteAddr();
        if (proxies.trusts(peer)) {
            chain.doFilter(request, response);
            return;
        }
        if (!open.tryAcquire(peer)) {
            response.setHeader("Retry-After", "1");
            response.setHeader("Connection", "close");
            problems.write(request, response, ProblemCode.RATE_LIMITED,
                    "Too many requests in flight from your address (at most " + open.max() + "); wait for some to finish.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            open.release(peer);
        }
    }
}
