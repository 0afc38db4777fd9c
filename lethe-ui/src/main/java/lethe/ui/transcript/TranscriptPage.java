package lethe.ui.transcript;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.SessionFile;
import lethe.api.SessionParent;
import lethe.api.Subagent;
import lethe.api.Turn;
import lethe.ui.Viewer;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.markdown.Markdown;
import lethe.ui.data.TranscriptReader;
import lethe.ui.data.TurnWindow;
import lethe.ui.web.Href;
import lethe.ui.web.PageParams;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Scope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /sessions/{tool}/{host}/{session_id}}: one transcript with the session's meta beside it. A long
 * session is shown a window of turns at a time ({@code ?from=} the 0-based position of the first), at most
 * {@link #PAGE_TURNS} turns or about {@link #PAGE_CHARS} characters of their text, with links to the earlier
 * and later turns: a session can be hundreds of megabytes, more than one page (or the heap) can hold.
 * A link to one turn ({@code at=}, {@code spawn=}) opens the window around it.
 */
@Path("/sessions/{tool}/{host}/{session_id}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class TranscriptPage {

    static final int PAGE_TURNS = 500;
    static final long PAGE_CHARS = 2L * 1024 * 1024;
    /** Turns shown before the one a link asks for, so it is read in its context. */
    private static final int CONTEXT = 2;

    private final TranscriptReader reader;
    private final Pages pages;
    private final Times times;
    private final TurnPresenter presenter;

    public TranscriptPage(TranscriptReader reader, Pages pages, Times times, Markdown markdown) {
        this.reader = reader;
        this.pages = pages;
        this.times = times;
        this.presenter = new TurnPresenter(markdown, times, reader);
    }

    /** Someone else's session is a 404 exactly like a missing one: whether it exists is private too. */
    @GET
    public Response show(@Context SecurityContext security, @Context UriInfo uri,
                         @PathParam("tool") String tool,
                         @PathParam("host") String host,
                         @PathParam("session_id") String sessionId,
                         @QueryParam("owner") String owner,
                         @QueryParam("hl") String highlight,
                         @QueryParam("at") Long at,
                         @QueryParam("spawn") String spawn,
                         @QueryParam("turn") String turn,
                         @QueryParam("from") String fromParam) {
        Viewer viewer = (Viewer) security.getUserPrincipal();
        // A sub-agent run links back to the turn that spawned it, a file of the side panel to a turn that touched
        // it: both open the page at that turn, marked.
        String spawnTurn = spawn != null ? spawn : turn;
        Scope scope = PageParams.scope(viewer, owner, false);
        long reach = -1;
        long from;
        if (fromParam != null) {
            if (!fromParam.matches("\\d{1,12}")) {
                throw PageProblem.invalid("from must be a whole number of turns from 0.");
            }
            from = Long.parseLong(fromParam);
        } else {
            reach = at == null && spawnTurn == null ? -1
                    : reader.turnPosition(scope.owner(), tool, host, sessionId, at, spawnTurn).orElse(-1);
            from = Math.max(0, reach - CONTEXT);
        }
        SessionDetail detail = reader.session(scope.owner(), tool, host, sessionId, new TurnWindow(from, PAGE_TURNS, PAGE_CHARS, reach))
                .orElseThrow(() -> PageProblem.notFound("There is no such session among the ones you can see."));
        Session session = detail.session();
        List<Turn> turns = detail.turns();
        String base = Pages.basePath(uri);
        Href page = Href.session(base, session.tool(), session.host(), session.sessionId()).with("owner", scope.param());
        Pager pager = Pager.of(from, turns.size(), session.turnCount(), page);
        String title = session.title() == null ? session.sessionId() : DirectionControls.reveal(session.title());

        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("session", session);
        model.put("pager", pager);
        Map<String, Subagent> spawnedBy = new HashMap<>();
        for (Subagent run : detail.subagents() == null ? List.<Subagent>of() : detail.subagents()) {
            if (run.turnId() != null) {
                spawnedBy.putIfAbsent(run.turnId(), run);
            }
        }
        TurnPresenter.Links links = new TurnPresenter.Links(spawnedBy,
                id -> Href.session(base, session.tool(), session.host(), id).with("owner", scope.param()).toString(),
                url -> attachmentHref(base, url, scope),
                hitSeq(turns, at, spawnTurn), Highlight.of(highlight));
        List<TurnView> views = presenter.present(turns, links, from + 1);
        model.put("turnsHtml", TurnsHtml.of(views));
        model.put("facts", SessionMeta.facts(session, times, scope.param() != null));
        model.put("where", SessionMeta.where(session));
        model.put("models", SessionMeta.models(session, turns));
        model.put("tokens", SessionMeta.tokens(session.usage()));
        model.put("prompts", prompts(views));
        model.put("parentHref", parentHref(base, session, turns, scope));
        model.put("subagents", detail.subagents() == null ? List.of() : detail.subagents().stream()
                .map(run -> new RunLink(Href.session(base, session.tool(), session.host(), run.sessionId())
                        .with("owner", scope.param()).toString(),
                        run.title() == null ? run.sessionId() : DirectionControls.reveal(run.title()), run.turnCount()))
                .toList());
        model.put("files", files(detail.files(), page));
        model.put("started", times.relative(session.startedAt()));
        model.put("duration", Times.duration(session.startedAt(), session.lastActivityAt()));
        model.put("turnCount", Numbers.exact(session.turnCount()));
        model.put("listHref", Href.to(base, "/").with("owner", scope.param()).toString());
        model.put("toolHref", Href.to(base, "/").with("owner", scope.param()).with("tool", session.tool()).toString());
        model.put("hostHref", Href.to(base, "/").with("owner", scope.param()).with("host", session.host()).toString());
        model.put("markdownHref", exportHref(base, session, "export.md", scope));
        model.put("ndjsonHref", exportHref(base, session, "export.ndjson", scope));
        return pages.render("transcript", title, "sessions", viewer, uri, model);
    }

    /** The API's export of this session; an admin reading someone else's session exports theirs, too. */
    private static String exportHref(String base, Session session, String file, Scope scope) {
        Href api = Href.session(base + "/api/v1", session.tool(), session.host(), session.sessionId());
        return Href.to(api.toString(), "/" + file).with("owner", scope.param()).toString();
    }

    /**
     * For a sub-agent run, the parent session's page at the turn that spawned it. The parent's turns are not
     * loaded for this, so the link names the turn by id ({@code at=}) and the parent page marks it.
     */
    private static String parentHref(String base, Session session, List<Turn> turns, Scope scope) {
        SessionParent parent = session.parent();
        if (parent == null || parent.sessionId() == null) {
            return null;
        }
        Href href = Href.session(base, parent.tool() == null ? session.tool() : parent.tool(),
                parent.host() == null ? session.host() : parent.host(), parent.sessionId()).with("owner", scope.param());
        return parent.turnId() == null ? href.toString() : href.with("spawn", parent.turnId()) + "#hit";
    }

    /** The turn to open and mark: a search result's ({@code at=} its seq) or a sub-agent's spawn ({@code spawn=} its id). */
    private static Long hitSeq(List<Turn> turns, Long at, String spawnTurn) {
        if (spawnTurn != null) {
            return turns.stream().filter(t -> spawnTurn.equals(t.turnId())).map(Turn::seq).findFirst().orElse(at);
        }
        return at;
    }

    /** Attachment URLs are paths on this server; an admin reading someone else's session reads theirs. */
    private static String attachmentHref(String base, String url, Scope scope) {
        String path = base.isEmpty() || url.startsWith(base + "/") ? url : base + url;
        if (scope.param() == null) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + "owner=" + java.net.URLEncoder.encode(scope.param(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Where this window sits in the session: turns {@code first}–{@code last} of {@code total}, and links to the
     * windows before and after (null at either end); null as a whole when the page shows every turn.
     */
    public record Pager(long first, long last, long total, String earlierHref, String laterHref) {

        static Pager of(long from, int shown, long total, Href page) {
            long after = from + shown;
            if (from == 0 && after >= total) {
                return null;
            }
            return new Pager(from + 1, after, total,
                    from == 0 ? null : page.with("from", from <= PAGE_TURNS ? null : from - PAGE_TURNS).toString(),
                    after >= total ? null : page.with("from", after).toString());
        }
    }

    /** A sub-agent run this session spawned, as the side panel lists it. */
    public record RunLink(String href, String title, long turns) {
    }

    /** A file the session read or changed, as the side panel lists it, with links to the turns that touched it. */
    public record FileLink(String path, String shortPath, boolean changed, String href, List<String> turnHrefs) {
    }

    /** At most this many turn links per file: a file edited a hundred times links its first turns. */
    static final int TURN_LINKS_PER_FILE = 12;

    private static List<FileLink> files(List<SessionFile> files, Href page) {
        if (files == null) {
            return List.of();
        }
        return files.stream().filter(file -> !file.turns().isEmpty()).map(file -> {
            List<String> hrefs = file.turns().stream().limit(TURN_LINKS_PER_FILE)
                    .map(id -> page.with("turn", id) + "#hit").toList();
            return new FileLink(file.path(), shortPath(file.path()), file.changed(), hrefs.get(0), hrefs);
        }).toList();
    }

    /** The last two segments of a path: what tells files apart in a narrow panel (the whole path on hover). */
    static String shortPath(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int last = trimmed.lastIndexOf('/');
        int before = last <= 0 ? -1 : trimmed.lastIndexOf('/', last - 1);
        return before < 0 ? trimmed : "…" + trimmed.substring(before);
    }

    /** The user's prompts: the landmarks people look for when they come back to a long session. */
    private static List<PromptLink> prompts(List<TurnView> turns) {
        return turns.stream().filter(t -> t.prompt() != null).map(t -> new PromptLink(t.anchor(), t.prompt())).toList();
    }
}
