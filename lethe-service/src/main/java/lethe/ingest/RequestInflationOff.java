package lethe.ingest;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Stops Jetty from inflating gzip request bodies on its own. Jetty's inflater ends a truncated stream
 * quietly, which would store the lines before the cut; {@link IngestResource} inflates itself and
 * refuses a broken stream as a whole. Response compression stays on.
 */
public final class RequestInflationOff implements LifeCycle.Listener {

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
            server.getDescendants(GzipHandler.class).forEach(gzip -> gzip.setInflateBufferSize(0));
        }
    }
}
