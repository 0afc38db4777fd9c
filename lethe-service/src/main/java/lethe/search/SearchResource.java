package lethe.search;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import lethe.api.SearchGroupedPage;
import lethe.api.SearchPage;
import lethe.auth.LetheUser;
import lethe.files.FileFilter;
import lethe.problem.ProblemException;
import lethe.session.SessionParams;

/**
 * {@code GET /api/v1/search?q=…}: sessions whose turns match every term, best first, each with its best
 * hits ({@link SearchGroupedPage}); {@code group=turn} answers one hit per turn instead ({@link SearchPage}).
 */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class SearchResource {

    static final int MAX_QUERY_LENGTH = 500;

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    public Object search(@Auth LetheUser user,
                             @QueryParam("q") String q,
                             @QueryParam("owner") String owner,
                             @QueryParam("tool") String tool,
                             @QueryParam("host") String host,
                             @QueryParam("limit") String limit,
                             @QueryParam("offset") String offset,
                             @QueryParam("group") String group,
                             @QueryParam("project") String project,
                             @QueryParam("since") String since,
                             @QueryParam("until") String until,
                             @QueryParam("role") String role,
                             @QueryParam("kind") String kind,
                             @QueryParam("file") String file) {
        if (q == null || q.isBlank()) {
            throw ProblemException.invalid("q is required: the words to search for.");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.invalid("q must be at most " + MAX_QUERY_LENGTH + " characters.");
        }
        SearchFilters filters = new SearchFilters(SessionParams.owner(user, owner), SessionParams.filter("tool", tool),
                SessionParams.filter("host", host), null, SessionParams.project(project),
                SessionParams.time("since", since), SessionParams.time("until", until),
                SessionParams.filter("role", role), SessionParams.filter("kind", kind), FileFilter.parse(file));
        int pageSize = SessionParams.limit(limit);
        long skip = SessionParams.offset(offset);
        if (group == null || group.equals("session")) {
            return search.searchSessions(q, filters, pageSize, skip);
        }
        if (group.equals("turn")) {
            return search.search(q, filters, pageSize, skip);
        }
        throw ProblemException.invalid("group must be session (the default) or turn.");
    }
}
