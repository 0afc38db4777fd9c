package lethe.auth;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import lethe.api.Me;

/** {@code GET /api/v1/me}: lets a collector, a test or a person check who lethe takes them for, and in which mode. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class MeResource {

    @GET
    public Me me(@Auth LetheUser user) {
        return new Me(user.name(), user.admin(), user.method().mode(), user.groups().stream().sorted().toList());
    }
}
