package lethe.logging;

import ch.qos.logback.access.jetty.RequestLogImpl;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Keeps the access log from printing logback-access's start-up self-check to standard output. In the
 * shaded {@code lethe.jar} every class reports lethe's own version, and logback-access looks for its
 * expected logback-core version where the shaded jar does not keep it, so the check always prints two
 * "versions are different" warnings about jars that are in fact the ones the Dropwizard BOM pins together.
 * The access log itself is configured in code by Dropwizard, so the check has nothing else to say.
 */
public final class QuietAccessLogStart implements LifeCycle.Listener {

    /** Runs as the server starts, before its request log does. */
    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server && server.getRequestLog() instanceof RequestLogImpl accessLog) {
            accessLog.setQuiet(true);
        }
    }
}
