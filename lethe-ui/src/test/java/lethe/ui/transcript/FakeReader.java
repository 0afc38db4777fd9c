package lethe.ui.transcript;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.SessionPage;
import lethe.api.Usage;
import lethe.api.UsageReport;
import lethe.ui.Viewer;
import lethe.ui.data.ActivityQuery;
import lethe.ui.data.DayRange;
import lethe.ui.data.Facets;
import lethe.ui.data.Found;
import lethe.ui.data.FoundSession;
import lethe.ui.data.FoundTurn;
import lethe.ui.data.SessionDay;
import lethe.ui.data.SessionFilter;
import lethe.ui.data.TranscriptReader;
import lethe.ui.data.TurnSearch;
import lethe.ui.data.UsageRequest;
import lethe.ui.format.Times;
import lethe.ui.markdown.Markdown;
import lethe.ui.web.Assets;
import lethe.ui.web.Pages;
import lethe.ui.web.Templates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A reader holding sessions in a list, for rendering the real transcript page without a database: the
 * page reads only through {@link TranscriptReader}, so this is all it needs.
 */
final class FakeReader implements TranscriptReader {

    private final List<SessionDetail> sessions = new ArrayList<>();

    FakeReader add(SessionDetail detail) {
        sessions.add(detail);
        return this;
    }

    @Override
    public SessionPage sessions(SessionFilter filter) {
        return new SessionPage(sessions.stream().map(SessionDetail::session).toList(), filter.limit(), filter.offset());
    }

    @Override
    public Optional<SessionDetail> session(String owner, String tool, String host, String sessionId) {
        return sessions.stream().filter(d -> d.session().owner().equals(owner) && d.session().tool().equals(tool)
                && d.session().host().equals(host) && d.session().sessionId().equals(sessionId)).findFirst();
    }

    @Override
    public UsageReport usage(UsageRequest request) {
        throw new UnsupportedOperationException("the transcript and session pages read no usage");
    }

    /** A flat millionth of a dollar per token for any named model; a response without a model is not priced. */
    @Override
    public OptionalDouble cost(String model, Usage usage) {
        return model == null ? OptionalDouble.empty() : OptionalDouble.of(TurnPresenter.total(usage) / 1e6);
    }

    @Override
    public Optional<DayRange> usageDays(String owner, ZoneId zone) {
        return Optional.empty();
    }

    @Override
    public Facets facets(String owner) {
        return new Facets(List.of(), List.of());
    }

    @Override
    public List<String> owners() {
        return List.of("alice");
    }

    @Override
    public List<SessionDay> activity(ActivityQuery query) {
        return List.of();
    }

    @Override
    public Optional<Found<FoundTurn>> search(TurnSearch search) {
        return Optional.of(new Found<>(List.of(), 0));
    }

    @Override
    public Optional<Found<FoundSession>> searchSessions(TurnSearch search) {
        return Optional.of(new Found<>(List.of(), 0));
    }

    /** The transcript page as alice's browser gets it; {@code query} is e.g. {@code hl=word&at=3} or null. */
    Document page(Session session, String hl, Long at, String spawn) {
        return page(session, hl, at, spawn, null);
    }

    /** The page opened at a turn by its id, as a file of the side panel links to it. */
    Document pageAtTurn(Session session, String turnId) {
        return page(session, null, null, null, turnId);
    }

    private Document page(Session session, String hl, Long at, String spawn, String turn) {
        TranscriptPage page = new TranscriptPage(this, new Pages(new Templates(), new Assets()),
                new Times(ZoneOffset.UTC, Clock.systemUTC()), new Markdown());
        Response response = page.show(security(), uri(), session.tool(), session.host(), session.sessionId(), null, hl, at,
                spawn, turn, null);
        return Jsoup.parse((String) response.getEntity());
    }

    private static SecurityContext security() {
        Viewer alice = new Viewer() {
            public String getName() {
                return "alice";
            }

            public boolean isAdmin() {
                return false;
            }

            public boolean isLocalMode() {
                return false;
            }

            public String signedInVia() {
                return "test";
            }
        };
        return (SecurityContext) Proxy.newProxyInstance(FakeReader.class.getClassLoader(), new Class<?>[] {SecurityContext.class},
                (proxy, method, args) -> method.getName().equals("getUserPrincipal") ? principal(alice) : null);
    }

    private static Principal principal(Viewer viewer) {
        return (Principal) Proxy.newProxyInstance(FakeReader.class.getClassLoader(), new Class<?>[] {Principal.class, Viewer.class},
                (proxy, method, args) -> method.getName().equals("getName") ? viewer.getName()
                        : method.getDeclaringClass() == Viewer.class ? method.invoke(viewer, args) : null);
    }

    private static UriInfo uri() {
        return (UriInfo) Proxy.newProxyInstance(FakeReader.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getBaseUri") ? URI.create("http://localhost/") : null);
    }
}
