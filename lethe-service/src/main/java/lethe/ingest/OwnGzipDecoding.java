package lethe.ingest;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Keeps Jetty's GzipHandler from inflating ingest bodies, so that {@link IngestResource} inflates them
 * itself with {@code java.util.zip}, which checks the gzip trailer. Jetty's decoder takes a stream that
 * was cut short for a complete one: lethe would store the front of a damaged body and answer 200.
 * Responses are still compressed by Jetty as before.
 */
public final class OwnGzipDecoding implements LifeCycle.Listener {

    /** Runs as the server starts, before any connector accepts a request. */
    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Handler.Container server) {
            server.getDescendants(GzipHandler.class)
                    .forEach(gzip -> gzip.addExcludedInflationPaths(IngestResource.PATH));
        }
    }
}
