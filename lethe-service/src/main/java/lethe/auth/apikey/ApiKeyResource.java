package lethe.auth.apikey;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lethe.api.ApiKeyList;
import lethe.api.CreatedApiKey;
import lethe.api.NewApiKey;
import lethe.auth.AuthMethod;
import lethe.auth.LetheUser;
import lethe.problem.ProblemException;
import lethe.session.SessionParams;

import java.time.Duration;

/**
 * {@code /api/v1/keys}: a signed-in user's own API keys; admins may list and revoke anyone's.
 *
 * <p>Creating takes a JSON body and revoking is a DELETE, neither of which a cross-site page can send
 * without a CORS preflight that lethe never grants: a browser signed in through the proxy cannot be
 * made to mint a key for someone else's page.
 */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ApiKeyResource {

    static final int MAX_EXPIRY_DAYS = 3650;

    private final ApiKeyService keys;

    ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth LetheUser user, NewApiKey request) {
        if (user.method() == AuthMethod.LOCAL) {
            throw ProblemException.invalid("This lethe runs in local mode (auth.local_user), where API keys are not accepted.");
        }
        if (user.method() == AuthMethod.API_KEY) {
            // Otherwise a leaked key could mint keys that outlive its own revocation.
            throw ProblemException.forbidden("An API key cannot create API keys; sign in through the browser or with an OIDC token.");
        }
        if (request == null) {
            throw ProblemException.invalid("Send a JSON body such as {\"name\": \"laptop\", \"expires_in_days\": 90}.");
        }
        CreatedApiKey created = keys.create(user.name(), request.name(), lifetime(request.expiresInDays()));
        return Response.status(Response.Status.CREATED).entity(created).header("Cache-Control", "no-store").build();
    }

    @GET
    public ApiKeyList list(@Auth LetheUser user, @QueryParam("owner") String owner) {
        return new ApiKeyList(keys.list(SessionParams.owner(user, owner)));
    }

    /** Someone else's key answers 404 like a missing one (an admin may revoke any). */
    @DELETE
    @Path("/{id}")
    public Response revoke(@Auth LetheUser user, @PathParam("id") String id) {
        keys.revoke(id, user.admin() ? null : user.name())
                .orElseThrow(() -> ProblemException.notFound("No such API key."));
        return Response.noContent().build();
    }

    private static Duration lifetime(Integer days) {
        if (days == null) {
            return null;
        }
        if (days < 1 || days > MAX_EXPIRY_DAYS) {
            throw ProblemException.invalid("expires_in_days must be between 1 and " + MAX_EXPIRY_DAYS + ", or absent for a key that does not expire.");
        }
        return Duration.ofDays(days);
    }
}
