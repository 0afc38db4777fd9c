package lethe.guard;

import com.codahale.metrics.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lethe.api.ProblemCode;
import lethe.problem.ProblemWriter;

import java.io.IOException;

/**
 * Refuses any request addressed to a host name lethe does not answer to (421), before authentication
 * and before the body is read. This defeats DNS rebinding: a page on {@code evil.example} whose name
 * the attacker re-points at 127.0.0.1 reaches lethe's port, but its requests still say
 * {@code Host: evil.example}. Runs as a servlet filter so that every path is covered, including unknown
 * ones and anything not served by Jersey.
 */
public final class HostGuard extends HttpFilter {

    private static final int MAX_ECHOED = 100;

    private final AllowedHosts hosts;
    private final ProblemWriter problems;
    private final Counter refused;

    public HostGuard(AllowedHosts hosts, ProblemWriter problems, Counter refused) {
        this.hosts = hosts;
        this.problems = problems;
        this.refused = refused;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestAuthority authority = RequestAuthority.of(request);
        if (hosts.allows(authority.host())) {
            chain.doFilter(request, response);
            return;
        }
        refused.inc();
        String named = authority.host().length() > MAX_ECHOED ? authority.host().substring(0, MAX_ECHOED) + "…" : authority.host();
        problems.write(request, response, ProblemCode.MISDIRECTED_REQUEST,
                "This lethe does not answer to the host name '" + named + "': it answers to "
                        + String.join(", ", AllowedHosts.LOOPBACK_NAMES) + " and the names listed in server_names."
                        + " If this is the public name your reverse proxy uses, add it to server_names.");
    }
}
