package lethe.usage;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import lethe.api.UsageReport;
import lethe.auth.LetheUser;
import lethe.problem.ProblemException;
import lethe.session.SessionParams;

import java.time.Instant;
import java.time.ZoneId;

/** {@code GET /api/v1/usage}: tokens and dollars grouped by day, month, model, tool, host, project or session. */
@Path("/api/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class UsageResource {

    private final UsageService usage;
    private final ZoneId defaultZone;

    /** @param defaultZone the zone days fall in when the request names none: the pages' ({@code ui.time_zone}) */
    public UsageResource(UsageService usage, ZoneId defaultZone) {
        this.usage = usage;
        this.defaultZone = defaultZone;
    }

    @GET
    public UsageReport usage(@Auth LetheUser user,
                             @QueryParam("group_by") String groupBy,
                             @QueryParam("since") String since,
                             @QueryParam("until") String until,
                             @QueryParam("tz") String tz,
                             @QueryParam("tool") String tool,
                             @QueryParam("host") String host,
                             @QueryParam("project") String project,
                             @QueryParam("owner") String owner) {
        String scope = SessionParams.owner(user, owner);
        ZoneId zone = UsageParams.zone(tz, defaultZone);
        Instant from = UsageParams.bound("since", since, zone, false);
        Instant to = UsageParams.bound("until", until, zone, true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("since must be before until.");
        }
        return usage.report(new UsageQuery(scope, UsageParams.groupBy(groupBy), from, to, zone,
                SessionParams.filter("tool", tool), SessionParams.filter("host", host), UsageParams.project(project)));
    }
}
