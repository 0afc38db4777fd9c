package lethe.ui.sessions;

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
import lethe.api.Session;
import lethe.ui.Viewer;
import lethe.ui.data.Facets;
import lethe.ui.data.SessionFilter;
import lethe.ui.data.TranscriptReader;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.transcript.TurnPresenter;
import lethe.ui.web.Href;
import lethe.ui.web.PageParams;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Scope;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /}: the viewer's sessions, newest activity first, filtered by plain GET forms and paged. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class SessionsPage {

    public static final int PAGE_SIZE = 50;

    private final TranscriptReader reader;
    private final Pages pages;
    private final Times times;

    public SessionsPage(TranscriptReader reader, Pages pages, Times times) {
        this.reader = reader;
        this.pages = pages;
        this.times = times;
    }

    @GET
    public Response list(@Context SecurityContext security, @Context UriInfo uri,
                         @QueryParam("owner") String owner,
                         @QueryParam("tool") String tool,
                         @QueryParam("host") String host,
                         @QueryParam("project") String project,
                         @QueryParam("file") String file,
                         @QueryParam("from") String from,
                         @QueryParam("to") String to,
                         @QueryParam("page") String page) {
        Viewer viewer = (Viewer) security.getUserPrincipal();
        Scope scope = PageParams.scope(viewer, owner, true);
        ListFilter filter = new ListFilter(scope.param(), PageParams.id("tool", tool), PageParams.id("host", host),
                PageParams.path("project", project), PageParams.path("file", file), PageParams.date("from", from),
                PageParams.date("to", to));
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw PageProblem.invalid("from must not be after to.");
        }
        int pageNumber = PageParams.page(page);
        String base = Pages.basePath(uri);

        List<Session> found = reader.sessions(new SessionFilter(scope.owner(), filter.tool(), filter.host(),
                filter.project(), filter.file(), true, filter.from() == null ? null : times.startOf(filter.from()),
                filter.to() == null ? null : endOf(filter.to()),
                PAGE_SIZE + 1, (long) (pageNumber - 1) * PAGE_SIZE)).sessions();
        boolean hasNext = found.size() > PAGE_SIZE;
        List<SessionRowView> rows = found.stream().limit(PAGE_SIZE).map(s -> row(s, base, scope, filter)).toList();

        Map<String, Object> model = new HashMap<>();
        model.put("filter", filter);
        model.put("sessions", rows);
        model.put("everyone", scope.everyone());
        model.put("facets", withSelected(reader.facets(scope.owner()), filter));
        List<String> owners = viewer.isAdmin() ? reader.owners() : List.of();
        // A choice of one is no choice: the selector shows only when someone else's sessions exist.
        boolean othersExist = owners.stream().anyMatch(o -> !o.equals(viewer.getName()));
        model.put("owners", othersExist || scope.param() != null ? owners : null);
        model.put("pageNumber", pageNumber);
        model.put("firstShown", (pageNumber - 1) * PAGE_SIZE + 1);
        model.put("lastShown", (pageNumber - 1) * PAGE_SIZE + rows.size());
        model.put("newerHref", pageNumber > 1 ? pageHref(base, filter, pageNumber - 1) : null);
        model.put("olderHref", hasNext ? pageHref(base, filter, pageNumber + 1) : null);
        model.put("clearHref", Href.to(base, "/").with("owner", filter.owner()).toString());
        model.put("firstRun", rows.isEmpty() && pageNumber == 1 && !filter.active());
        String ingestUrl = uri.getBaseUriBuilder().path("api/v1/ingest").build().toString();
        model.put("ingestUrl", ingestUrl);
        model.put("curl", curlExample(ingestUrl, viewer.isLocalMode()));
        return pages.render("sessions", "Sessions", "sessions", viewer, uri, model);
    }

    /** A command a newcomer can paste to see their first session appear. */
    static String curlExample(String ingestUrl, boolean localMode) {
        String line = "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"first\",\"turn_id\":\"t1\","
                + "\"seq\":0,\"role\":\"user\",\"timestamp\":" + Instant.now().getEpochSecond()
                + ",\"content\":\"Hello, lethe\"}";
        return "echo '" + line + "' |\n  curl --fail-with-body -H 'Content-Type: application/x-ndjson' \\\n"
                + (localMode ? "" : "       -H \"Authorization: Bearer $LETHE_TOKEN\" \\\n")
                + "       --data-binary @- " + ingestUrl;
    }

    /** The last instant of {@code day}: the list's "to" is inclusive. */
    private double endOf(LocalDate day) {
        return times.startOf(day.plusDays(1)) - 0.001;
    }

    /** {@code /home/alice/src/shop} as {@code src/shop}: the part that tells projects apart. */
    public static String shortProject(String path) {
        String trimmed = path.replaceAll("[/\\\\]+$", "");
        String[] parts = trimmed.split("[/\\\\]");
        if (parts.length <= 2) {
            return trimmed.isEmpty() ? path : trimmed;
        }
        return parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }

    private SessionRowView row(Session s, String base, Scope scope, ListFilter filter) {
        // Links into someone else's session must say whose it is, or the admin would get their own (a 404).
        String ownerParam = scope.param() == null ? null : s.owner();
        String href = Href.session(base, s.tool(), s.host(), s.sessionId()).with("owner", ownerParam).toString();
        boolean untitled = s.title() == null;
        long tokens = TurnPresenter.total(s.usage());
        String project = s.project() == null || s.project().isBlank() ? null : s.project();
        long runCount = s.subagentCount() == null ? 0 : s.subagentCount();
        List<SessionRowView.RunView> runs = runCount == 0 ? List.of()
                : reader.subagents(s.owner(), s.tool(), s.host(), s.sessionId()).stream()
                .map(run -> new SessionRowView.RunView(
                        Href.session(base, s.tool(), s.host(), run.sessionId()).with("owner", ownerParam).toString(),
                        run.title() == null ? run.sessionId() : DirectionControls.reveal(run.title()), run.turnCount()))
                .toList();
        return new SessionRowView(href, untitled ? s.sessionId() : DirectionControls.reveal(s.title()), untitled,
                s.sessionId(), s.owner(), s.tool(), s.host(),
                project == null ? null : DirectionControls.reveal(shortProject(project)),
                project == null ? null : DirectionControls.reveal(project),
                project == null ? null : Href.to(base, "/").withAll(filter.asQuery()).with("project", project).with("page", null).toString(),
                times.relative(s.startedAt()), times.relative(s.lastActivityAt()), Numbers.exact(s.turnCount()),
                s.usage() == null ? null : Numbers.compact(tokens),
                s.usage() == null ? null : TurnPresenter.breakdown(s.usage()), runCount, runs);
    }

    private static String pageHref(String base, ListFilter filter, int page) {
        return Href.to(base, "/").withAll(filter.asQuery()).with("page", page == 1 ? null : page).toString();
    }

    /** A filter value typed into the URL still shows as selected, even if no session has it. */
    private static Facets withSelected(Facets facets, ListFilter filter) {
        return new Facets(including(facets.tools(), filter.tool()), including(facets.hosts(), filter.host()));
    }

    private static List<String> including(List<String> values, String selected) {
        if (selected == null || values.contains(selected)) {
            return values;
        }
        List<String> all = new ArrayList<>(values);
        all.add(selected);
        return all;
    }
}
