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
import lethe.ui.data.Found;
import lethe.ui.data.FoundSession;
import lethe.ui.data.FoundTurn;
import lethe.ui.data.SnippetPart;
import lethe.ui.data.TranscriptReader;
import lethe.ui.data.TurnSearch;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.sessions.SessionsPage;
import lethe.ui.transcript.TurnPresenter;
import lethe.ui.web.Href;
import lethe.ui.web.PageParams;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Scope;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code /search?q=…}: the sessions whose turns hold every word typed, best session first (by its best hit),
 * each with its hit count and best hits, each hit linking to its place in the transcript. With
 * {@code session=tool/host/session_id} (the "all hits in this session" link) the page lists that session's
 * hits one per turn instead.
 */
@Path("/search")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class SearchPage {

    /** Sessions per page. */
    public static final int PAGE_SIZE = 20;
    /** Hits per page when the page lists one session's. */
    public static final int HITS_PAGE_SIZE = 25;
    /** The API's limit too: longer text is not a search someone typed. */
    static final int MAX_TEXT_LENGTH = 500;

    /** The roles the form offers: what the person typed, or what the assistant answered. */
    static final List<String> ROLES = List.of("user", "assistant");

    /** The kinds of turn the form offers, as it names them. */
    static final List<Kind> KINDS = List.of(new Kind("text", "messages"), new Kind("tool_use", "tool calls"),
            new Kind("tool_result", "tool output"), new Kind("thinking", "thinking"));

    /** A kind of turn the form offers. */
    public record Kind(String value, String label) {
    }

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
                           @QueryParam("session") String session,
                           @QueryParam("project") String project,
                           @QueryParam("from") String from,
                           @QueryParam("to") String to,
                           @QueryParam("role") String role,
                           @QueryParam("kind") String kind,
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
        SessionKey key = SessionKey.parse(session);
        SearchForm form = new SearchForm(text, scope.param(), PageParams.id("tool", tool), PageParams.id("host", host),
                key == null ? null : key.param(), PageParams.path("project", project), PageParams.date("from", from),
                PageParams.date("to", to), role == null || role.isEmpty() ? null : role, PageParams.id("kind", kind),
                PageParams.path("file", file));
        if (form.from() != null && form.to() != null && form.from().isAfter(form.to())) {
            throw PageProblem.invalid("from must not be after to.");
        }
        int pageNumber = PageParams.page(page);
        String base = Pages.basePath(uri);

        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("searchText", text);
        model.put("everyone", scope.everyone());
        model.put("facets", reader.facets(scope.owner()));
        model.put("kinds", kinds(form.kind()));
        model.put("owners", viewer.isAdmin() ? reader.owners() : null);
        model.put("pageNumber", pageNumber);
        model.put("sessions", List.of());
        model.put("hits", List.of());
        model.put("inSession", null);
        model.put("indexPending", null);
        if (text != null) {
            if (key == null) {
                sessions(model, form, scope, base, pageNumber);
            } else {
                sessionHits(model, form, key, scope, base, pageNumber);
            }
        }
        return pages.render("search", text == null ? "Search" : "Search: " + text, "search", viewer, uri, model);
    }

    /** One page of sessions, each with its best hits. */
    private void sessions(Map<String, Object> model, SearchForm form, Scope scope, String base, int pageNumber) {
        Found<FoundSession> found = reader.searchSessions(query(form, scope, null, PAGE_SIZE + 1,
                (long) (pageNumber - 1) * PAGE_SIZE)).orElseThrow(SearchPage::noWord);
        List<FoundSessionView> sessions = found.results().stream().limit(PAGE_SIZE)
                .map(session -> view(session, form, scope, base)).toList();
        model.put("sessions", sessions);
        shown(model, pageNumber, PAGE_SIZE, sessions.size(), found.results().size() > PAGE_SIZE, form, base);
        model.put("indexPending", pending(found.indexPending()));
    }

    /** One page of one session's hits, one per turn, under the session's title and hit count. */
    private void sessionHits(Map<String, Object> model, SearchForm form, SessionKey key, Scope scope, String base,
                             int pageNumber) {
        Found<FoundTurn> found = reader.search(query(form, scope, key, HITS_PAGE_SIZE + 1,
                (long) (pageNumber - 1) * HITS_PAGE_SIZE)).orElseThrow(SearchPage::noWord);
        List<FoundTurnView> hits = found.results().stream().limit(HITS_PAGE_SIZE)
                .map(hit -> view(hit, form.text(), base, scope)).toList();
        model.put("hits", hits);
        shown(model, pageNumber, HITS_PAGE_SIZE, hits.size(), found.results().size() > HITS_PAGE_SIZE, form, base);
        model.put("indexPending", pending(found.indexPending()));
        FoundSessionView session = reader.searchSessions(query(form, scope, key, 1, 0)).orElseThrow(SearchPage::noWord)
                .results().stream().findFirst().map(s -> view(s, form, scope, base)).orElse(null);
        model.put("inSession", session);
        model.put("allSessionsHref", Href.to(base, "/search").withAll(form.asQuery()).with("session", null).toString());
    }

    /** A kind typed into the URL still shows as selected, by its own name. */
    private static List<Kind> kinds(String selected) {
        if (selected == null || KINDS.stream().anyMatch(kind -> kind.value().equals(selected))) {
            return KINDS;
        }
        return Stream.concat(KINDS.stream(), Stream.of(new Kind(selected, selected))).toList();
    }

    private void shown(Map<String, Object> model, int pageNumber, int pageSize, int shown, boolean hasNext,
                       SearchForm form, String base) {
        model.put("firstShown", (pageNumber - 1) * pageSize + 1);
        model.put("lastShown", (pageNumber - 1) * pageSize + shown);
        model.put("previousHref", pageNumber > 1 ? pageHref(base, form, pageNumber - 1) : null);
        model.put("nextHref", hasNext ? pageHref(base, form, pageNumber + 1) : null);
    }

    private TurnSearch query(SearchForm form, Scope scope, SessionKey key, int limit, long offset) {
        return new TurnSearch(form.text(), scope.owner(), key == null ? form.tool() : key.tool(),
                key == null ? form.host() : key.host(), key == null ? null : key.sessionId(), form.project(),
                form.from() == null ? null : times.startOf(form.from()),
                form.to() == null ? null : endOf(form.to()), form.role(), form.kind(), form.file(), limit, offset);
    }

    /** The last instant of {@code day}: "to" is inclusive, as on the sessions list. */
    private double endOf(LocalDate day) {
        return times.startOf(day.plusDays(1)) - 0.001;
    }

    private static PageProblem noWord() {
        return PageProblem.invalid("q must contain at least one word (letters or digits) to search for.");
    }

    /** "1 turn is" / "3 turns are" not searchable yet, or null when the index is up to date. */
    private static String pending(long turns) {
        if (turns <= 0) {
            return null;
        }
        return Numbers.exact(turns) + (turns == 1 ? " turn is" : " turns are");
    }

    private FoundSessionView view(FoundSession session, SearchForm form, Scope scope, String base) {
        // As on the list: a link into someone else's session must say whose it is.
        String ownerParam = scope.param() == null ? null : session.owner();
        String href = Href.session(base, session.tool(), session.host(), session.sessionId())
                .with("owner", ownerParam).with("hl", form.text()).toString();
        boolean untitled = session.title() == null;
        String project = session.project() == null || session.project().isBlank() ? null : session.project();
        List<FoundTurnView> hits = session.hits().stream().map(hit -> view(hit, form.text(), base, scope)).toList();
        String hitCount = Numbers.exact(session.hitCount()) + (session.hitCount() == 1 ? " hit" : " hits");
        // The drill-down keeps every filter, so it lists exactly the hits counted here.
        String allHitsHref = session.hitCount() <= hits.size() ? null : Href.to(base, "/search")
                .withAll(form.asQuery())
                .with("session", new SessionKey(session.tool(), session.host(), session.sessionId()).param())
                .with("page", null).toString();
        return new FoundSessionView(href, untitled ? session.sessionId() : DirectionControls.reveal(session.title()),
                untitled, session.owner(), session.tool(), session.host(),
                project == null ? null : DirectionControls.reveal(SessionsPage.shortProject(project)),
                project == null ? null : DirectionControls.reveal(project), hitCount, hits, allHitsHref,
                "All " + hitCount + " in this session");
    }

    private FoundTurnView view(FoundTurn hit, String search, String base, Scope scope) {
        String ownerParam = scope.param() == null ? null : hit.owner();
        // The transcript opens this turn unfolded with the words marked, and the fragment scrolls to it.
        String href = Href.session(base, hit.tool(), hit.host(), hit.sessionId()).with("owner", ownerParam)
                .with("hl", search).with("turn", hit.turnId()) + "#hit";
        List<SnippetPart> snippet = hit.snippet().stream()
                .map(part -> new SnippetPart(DirectionControls.reveal(part.text()), part.match())).toList();
        return new FoundTurnView(href, TurnPresenter.roleClass(hit.role()), TurnPresenter.roleLabel(hit.role()),
                times.relative(hit.timestamp()), snippet);
    }

    private static String pageHref(String base, SearchForm form, int page) {
        return Href.to(base, "/search").withAll(form.asQuery()).with("page", page == 1 ? null : page).toString();
    }

    /** {@code session=tool/host/session_id}: one session, named by the three ids (none of which holds a '/'). */
    record SessionKey(String tool, String host, String sessionId) {

        static SessionKey parse(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            String[] parts = value.split("/", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw PageProblem.invalid("session must be tool/host/session_id.");
            }
            return new SessionKey(PageParams.id("session's tool", parts[0]), PageParams.id("session's host", parts[1]),
                    PageParams.id("session_id", parts[2]));
        }

        String param() {
            return tool + "/" + host + "/" + sessionId;
        }
    }
}
