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
import lethe.api.SessionParent;
import lethe.api.Subagent;
import lethe.api.Turn;
import lethe.ui.Viewer;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.markdown.Markdown;
import lethe.ui.data.TranscriptReader;
import lethe.ui.web.Href;
import lethe.ui.web.PageParams;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Scope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /sessions/{tool}/{host}/{session_id}}: one transcript, every turn, with the session's meta beside it. */
@Path("/sessions/{tool}/{host}/{session_id}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class TranscriptPage {

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
                         @QueryParam("spawn") String spawnTurn) {
        Viewer viewer = (Viewer) security.getUserPrincipal();
        Scope scope = PageParams.scope(viewer, owner, false);
        SessionDetail detail = reader.session(scope.owner(), tool, host, sessionId)
                .orElseThrow(() -> PageProblem.notFound("There is no such session among the ones you can see."));
        Session session = detail.session();
        List<Turn> turns = detail.turns();
        String base = Pages.basePath(uri);
        String title = session.title() == null ? session.sessionId() : DirectionControls.reveal(session.title());

        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("session", session);
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
        List<TurnView> views = presenter.present(turns, links);
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

    /** A sub-agent run this session spawned, as the side panel lists it. */
    public record RunLink(String href, String title, long turns) {
    }

    /** The user's prompts: the landmarks people look for when they come back to a long session. */
    private static List<PromptLink> prompts(List<TurnView> turns) {
        return turns.stream().filter(t -> t.prompt() != null).map(t -> new PromptLink(t.anchor(), t.prompt())).toList();
    }
}
