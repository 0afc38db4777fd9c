package lethe.guard;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lethe.api.ProblemCode;
import lethe.problem.ProblemWriter;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;

/**
 * Closes the two admin endpoints that would show secrets or transcript text: {@code /threads}, whose thread
 * names carry each in-flight request's URL with its query string (search words, an {@code access_token}
 * someone sent), and the {@code log-level} task, which could turn Jetty's or the HTTP client's loggers to
 * TRACE and so write bearer tokens and bodies to the log. Dropwizard registers both itself; lethe's logging
 * levels are set in the configuration file instead.
 */
public final class AdminLockdown extends HttpFilter {

    static final List<String> CLOSED = List.of("/threads", "/tasks/log-level");

    private final ProblemWriter problems;

    private AdminLockdown(ProblemWriter problems) {
        this.problems = problems;
    }

    public static void install(Environment environment, ProblemWriter problems) {
        environment.admin().addFilter("lethe-admin-lockdown", new AdminLockdown(problems))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, CLOSED.toArray(String[]::new));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        problems.write(request, response, ProblemCode.NOT_FOUND,
                "This admin endpoint is switched off in lethe: it could reveal secrets or transcript text.");
    }
}
