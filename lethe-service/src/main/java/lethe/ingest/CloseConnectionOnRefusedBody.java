package lethe.ingest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import java.io.IOException;
import java.io.InputStream;

/**
 * Finishes reading a request body that was refused before anyone read it (a 415 for a wrong content
 * type, a 401, a 404...), so that a client still sending it gets to read the answer. Jetty would close
 * the connection under the client's feet, which then sees a broken pipe instead of the problem. A body
 * larger than {@code ingest.max_body_bytes} is not read on: the answer says {@code Connection: close}.
 *
 * <p>A request refused for who sent it (401, 403, 429) is never read on: a stranger, or a user past a
 * limit, could otherwise hold a worker thread for as long as they care to trickle a body. Its connection
 * is closed instead.
 */
public final class CloseConnectionOnRefusedBody implements ContainerResponseFilter {

    private final long maxBodyBytes;

    public CloseConnectionOnRefusedBody(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status == 401 || status == 403 || status == 429) {
            response.getHeaders().putSingle("Connection", "close");
            return;
        }
        if (status >= 400 && !readToTheEnd(request)) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private boolean readToTheEnd(ContainerRequestContext request) {
        InputStream body;
        try {
            body = request.getEntityStream();
        } catch (IllegalStateException alreadyClosed) {
            // A resource or reader consumed the body and closed it; Jetty deals with any unread rest itself.
            return true;
        }
        if (body == null) {
            return true;
        }
        byte[] sink = new byte[64 * 1024];
        long skipped = 0;
        try {
            int read;
            while ((read = body.read(sink)) != -1) {
                skipped += read;
                if (skipped > maxBodyBytes) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
