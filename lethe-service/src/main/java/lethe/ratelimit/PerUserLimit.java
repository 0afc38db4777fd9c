package lethe.ratelimit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import lethe.auth.LetheUser;
import lethe.guard.OpenRequests;

/**
 * Bounds the requests one signed-in user may have in flight, right after authentication and before the
 * resource reads the body: a user opening hundreds of slow uploads holds at most this many worker threads.
 * The slot is given back when the response goes out (or, for a failure, when the problem is written).
 */
@Priority(Priorities.USER + 900)
public final class PerUserLimit implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String HELD = "lethe.open_request_user";

    private final OpenRequests open;

    public PerUserLimit(int max) {
        this.open = new OpenRequests(max);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof LetheUser user)) {
            return;
        }
        if (!open.tryAcquire(user.name())) {
            throw OpenRequests.tooMany(user.name(), open.max());
        }
        request.setProperty(HELD, user.name());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(HELD) instanceof String user) {
            request.removeProperty(HELD);
            open.release(user);
        }
    }
}
