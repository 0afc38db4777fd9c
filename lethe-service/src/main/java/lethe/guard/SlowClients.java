package lethe.guard;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import lethe.auth.TrustedProxies;
import lethe.problem.ProblemWriter;
import lethe.ratelimit.PerUserLimit;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

import java.util.EnumSet;

/**
 * Keeps slow clients from holding the server: a minimum average body rate per request ({@link MinimumBodyRate}:
 * Jetty 12 enforces neither {@code HttpConfiguration.minRequestDataRate} nor, per request, its handler), an idle
 * timeout that also bounds a stalled body, and bounds on the requests one address and one user may have
 * in flight.
 */
public final class SlowClients {

    private SlowClients() {
    }

    public static void install(Environment environment, RequestLimitsConfig limits, TrustedProxies proxies,
                               ProblemWriter problems) {
        if (limits.getMinBodyBytesPerSecond() > 0) {
            environment.getApplicationContext().insertHandler(
                    new MinimumBodyRate(limits.getMinBodyBytesPerSecond()));
        }
        long idleMillis = limits.getBodyIdleTimeout().toMilliseconds();
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    for (Connector connector : server.getConnectors()) {
                        if (connector.getIdleTimeout() > idleMillis && connector instanceof AbstractConnector c) {
                            c.setIdleTimeout(idleMillis);
                        }
                    }
                }
            }
        });
        environment.servlets().addFilter("lethe-per-address-limit",
                        new PerAddressLimit(limits.getMaxOpenRequestsPerAddress(), proxies, problems))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.jersey().register(new PerUserLimit(limits.getMaxOpenRequestsPerUser()));
    }
}
