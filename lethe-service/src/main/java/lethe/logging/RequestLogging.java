package lethe.logging;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;

import java.util.EnumSet;

/**
 * Request ids on both connectors and the user in the log context of every authenticated request; an access
 * log that starts without printing logback-access's self-check.
 */
public final class RequestLogging {

    private RequestLogging() {
    }

    public static void install(Environment environment) {
        // REQUEST only: an error dispatch of the same request must keep the id already sent, not make a new one.
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        environment.servlets().addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(requests, false, "/*");
        environment.admin().addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(requests, false, "/*");
        environment.jersey().register(new UserLogContextFilter());
        environment.lifecycle().addEventListener(new QuietAccessLogStart());
    }
}
