package lethe.guard;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.servlet.DispatcherType;
import lethe.problem.ProblemWriter;

import java.util.EnumSet;
import java.util.List;

/**
 * Puts the Host and CSRF guards in front of everything on both ports. The admin port is loopback-only
 * too, and its tasks are POSTs a page on another origin could fire at 127.0.0.1:8081, so it gets the
 * same guards.
 */
public final class RequestGuards {

    public static final String HOST_REFUSED = MetricRegistry.name("lethe", "guard", "host_refused");
    public static final String CSRF_REFUSED = MetricRegistry.name("lethe", "guard", "csrf_refused");

    private RequestGuards() {
    }

    public static void install(Environment environment, List<String> serverNames, ProblemWriter problems) {
        AllowedHosts hosts = new AllowedHosts(serverNames);
        HostGuard hostGuard = new HostGuard(hosts, problems, environment.metrics().counter(HOST_REFUSED));
        CsrfGuard csrfGuard = new CsrfGuard(hosts, problems, environment.metrics().counter(CSRF_REFUSED));
        environment.servlets().addFilter("lethe-security-headers", new SecurityHeaderFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        for (ServletEnvironment port : List.of(environment.servlets(), environment.admin())) {
            port.addFilter("lethe-host-guard", hostGuard)
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
            port.addFilter("lethe-csrf-guard", csrfGuard)
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
    }
}
