package lethe.session.delete;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import lethe.api.DeletedSessionList;
import lethe.auth.LetheUser;
import lethe.problem.ProblemException;
import lethe.session.SessionParams;

/**
 * {@code GET /api/v1/deleted-sessions}: the keys of the caller's sessions deleted for good (an admin may
 * name another owner), for an importer to leave them out. The DELETE itself is
 * {@link lethe.session.SessionResource#delete}: JAX-RS picks one resource class per path prefix.
 */
@Path("/api/v1/deleted-sessions")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class DeletionResource {

    private final SessionDeletion deletion;

    public DeletionResource(SessionDeletion deletion) {
        this.deletion = deletion;
    }

    @GET
    public DeletedSessionList deleted(@Auth LetheUser user, @QueryParam("owner") String owner) {
        return new DeletedSessionList(deletion.deleted(oneOwner(user, owner)));
    }

    /** Deletion and its listing act on one owner; {@code owner=*} is only for lists of sessions. */
    public static String oneOwner(LetheUser user, String owner) {
        String scope = SessionParams.owner(user, owner);
        if (scope == null) {
            throw ProblemException.invalid("owner=* is for lists of sessions; name one owner.");
        }
        return scope;
    }
}
