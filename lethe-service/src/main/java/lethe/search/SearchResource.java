package lethe.search;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import lethe.api.SearchPage;
import lethe.auth.LetheUser;
import lethe.problem.ProblemException;
import lethe.session.SessionParams;

/** {@code GET /api/v1/search?q=…}: turns whose content matches every word, best first. */
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
    public SearchPage search(@Auth LetheUser user,
                             @QueryParam("q") String q,
                             @QueryParam("owner") String owner,
                             @QueryParam("tool") String tool,
                             @QueryParam("host") String host,
                             @QueryParam("limit") String limit,
                             @QueryParam("offset") String offset) {
        if (q == null || q.isBlank()) {
            throw ProblemException.invalid("q is required: the words to search for.");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.invalid("q must be at most " + MAX_QUERY_LENGTH + " characters.");
        }
        return search.search(q, SessionParams.owner(user, owner), SessionParams.filter("tool", tool),
                SessionParams.filter("host", host), SessionParams.limit(limit), SessionParams.offset(offset));
    }
}
