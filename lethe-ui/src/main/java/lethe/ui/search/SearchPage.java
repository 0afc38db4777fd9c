package lethe.ui.search;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import lethe.ui.Viewer;
import lethe.ui.data.FoundTurn;
import lethe.ui.data.SnippetPart;
import lethe.ui.data.TranscriptReader;
import lethe.ui.data.TurnSearch;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.transcript.TurnPresenter;
import lethe.ui.web.Href;
import lethe.ui.web.PageParams;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Scope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /search?q=…}: turns holding every word typed, best match first, each linking to its place in the transcript. */
@Path("/search")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class SearchPage {

    public static final int PAGE_SIZE = 25;
    /** The API's limit too: longer text is not a search someone typed. */
    static final int MAX_TEXT_LENGTH = 500;

    /** The roles the form offers: what the person typed, or what the assistant answered. */
    static final List<String> ROLES = List.of("user", "assistant");

    private final TranscriptReader reader;
    private final Pages pages;
    private final Times times;

    public SearchPage(TranscriptReader reader, Pages pages, Times times) {
        this.reader = reader;
        this.pages = pages;
        this.times = times;
    }

    @GET
    public Response search(@Context SecurityContext security, @Context UriInfo uri,
                           @QueryParam("q") String q,
                           @QueryParam("owner") String owner,
                           @QueryParam("tool") String tool,
                           @QueryParam("host") String host,
                           @QueryParam("project") String project,
                           @QueryParam("role") String role,
                           @QueryParam("file") String file,
                           @QueryParam("page") String page) {
        Viewer viewer = (Viewer) security.getUserPrincipal();
        Scope scope = PageParams.scope(viewer, owner, true);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw PageProblem.invalid("q must be at most " + MAX_TEXT_LENGTH + " characters.");
        }
        if (role != null && !role.isEmpty() && !ROLES.contains(role)) {
            throw PageProblem.invalid("role must be one of " + String.join(", ", ROLES) + ".");
        }
        SearchForm form = new SearchForm(text, scope.param(), PageParams.id("tool", tool), PageParams.id("host", host),
                PageParams.path("project", project), role == null || role.isEmpty() ? null : role,
                PageParams.path("file", file));
        int pageNumber = PageParams.page(page);
        String base = Pages.basePath(uri);

        List<FoundTurn> found = text == null ? List.of() : reader.search(new TurnSearch(text, scope.owner(),
                        form.tool(), form.host(), form.project(), form.role(), form.file(), PAGE_SIZE + 1,
                        (long) (pageNumber - 1) * PAGE_SIZE))
                .orElseThrow(() -> PageProblem.invalid("q must contain at least one word (letters or digits) to search for."));
        boolean hasNext = found.size() > PAGE_SIZE;
        List<FoundTurnView> results = found.stream().limit(PAGE_SIZE).map(hit -> view(hit, text, base, scope)).toList();

        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("searchText", text);
        model.put("results", results);
        model.put("everyone", scope.everyone());
        model.put("facets", reader.facets(scope.owner()));
        model.put("owners", viewer.isAdmin() ? reader.owners() : null);
        model.put("pageNumber", pageNumber);
        model.put("firstShown", (pageNumber - 1) * PAGE_SIZE + 1);
        model.put("lastShown", (pageNumber - 1) * PAGE_SIZE + results.size());
        model.put("previousHref", pageNumber > 1 ? pageHref(base, form, pageNumber - 1) : null);
        model.put("nextHref", hasNext ? pageHref(base, form, pageNumber + 1) : null);
        return pages.render("search", text == null ? "Search" : "Search: " + text, "search", viewer, uri, model);
    }

    private FoundTurnView view(FoundTurn hit, String search, String base, Scope scope) {
        // As on the list: a link into someone else's session must say whose it is.
        String ownerParam = scope.param() == null ? null : hit.owner();
        // The transcript opens this turn unfolded with the words marked, and the fragment scrolls to it.
        String href = Href.session(base, hit.tool(), hit.host(), hit.sessionId()).with("owner", ownerParam)
                .with("hl", search).with("at", hit.seq()) + "#hit";
        boolean untitled = hit.title() == null;
        List<SnippetPart> snippet = hit.snippet().stream()
                .map(part -> new SnippetPart(DirectionControls.reveal(part.text()), part.match())).toList();
        return new FoundTurnView(href, untitled ? hit.sessionId() : DirectionControls.reveal(hit.title()), untitled,
                hit.owner(), hit.tool(), hit.host(), TurnPresenter.roleClass(hit.role()),
                TurnPresenter.roleLabel(hit.role()), times.relative(hit.timestamp()), snippet);
    }

    private static String pageHref(String base, SearchForm form, int page) {
        return Href.to(base, "/search").withAll(form.asQuery()).with("page", page == 1 ? null : page).toString();
    }
}
