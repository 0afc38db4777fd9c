package lethe.ui.search;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
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
import lethe.ui.data.SnippetPart;
import lethe.ui.data.TranscriptReader;
import lethe.ui.data.TurnSearch;
import lethe.ui.data.UsageRequest;
import lethe.ui.format.Times;
import lethe.ui.web.Assets;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Templates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search page rendered for real over a reader that answers with given results and keeps the searches it
 * was asked: what the page shows of grouped results, what it asks the reader for, and its links.
 */
class SearchPageTest {

    private static final double NOON = 1_767_268_800; // 2026-01-01T12:00:00Z

    /** Answers every search with the sessions (or turns) it holds, and remembers what it was asked. */
    private static final class Results implements TranscriptReader {
        final List<FoundSession> sessions = new ArrayList<>();
        final List<FoundTurn> turns = new ArrayList<>();
        final List<TurnSearch> asked = new ArrayList<>();
        long pending;

        @Override
        public Optional<Found<FoundSession>> searchSessions(TurnSearch search) {
            asked.add(search);
            return Optional.of(new Found<>(sessions.stream().skip(search.offset()).limit(search.limit()).toList(), pending));
        }

        @Override
        public Optional<Found<FoundTurn>> search(TurnSearch search) {
            asked.add(search);
            return Optional.of(new Found<>(turns.stream().skip(search.offset()).limit(search.limit()).toList(), pending));
        }

        @Override
        public SessionPage sessions(SessionFilter filter) {
            throw new UnsupportedOperationException("the search page lists no sessions");
        }

        @Override
        public Optional<SessionDetail> session(String owner, String tool, String host, String sessionId) {
            throw new UnsupportedOperationException("the search page reads no session");
        }

        @Override
        public Facets facets(String owner) {
            return new Facets(List.of("claude-code", "codex"), List.of("laptop"));
        }

        @Override
        public List<String> owners() {
            return List.of("alice", "bob", "carol");
        }

        @Override
        public List<SessionDay> activity(ActivityQuery query) {
            throw new UnsupportedOperationException("the search page reads no activity");
        }

        @Override
        public UsageReport usage(UsageRequest request) {
            throw new UnsupportedOperationException("the search page reads no usage");
        }

        @Override
        public Optional<DayRange> usageDays(String owner, ZoneId zone) {
            return Optional.empty();
        }

        @Override
        public OptionalDouble cost(String model, Usage usage) {
            return OptionalDouble.empty();
        }
    }

    private static FoundTurn hit(String owner, String sessionId, String turnId, String role, String before, String word) {
        return new FoundTurn(owner, "claude-code", "laptop", sessionId, "Title of " + sessionId, turnId, 0, role, NOON,
                List.of(new SnippetPart(before, false), new SnippetPart(word, true)));
    }

    private static FoundSession session(String owner, String sessionId, long hitCount, int shown) {
        return new FoundSession(owner, "claude-code", "laptop", sessionId, "Title of " + sessionId,
                "/home/" + owner + "/src/shop", hitCount, IntStream.range(0, shown)
                .mapToObj(i -> hit(owner, sessionId, sessionId + "-t" + i, i == 0 ? "user" : "assistant", "about the ", "heron"))
                .toList());
    }

    private static Document page(Results reader, String viewer, boolean admin, String... params) {
        String[] p = new String[13];
        for (int i = 0; i < params.length; i += 2) {
            p[List.of("q", "owner", "tool", "host", "session", "project", "from", "to", "role", "kind", "file", "page")
                    .indexOf(params[i])] = params[i + 1];
        }
        SearchPage page = new SearchPage(reader, new Pages(new Templates(), new Assets()),
                new Times(ZoneOffset.UTC, Clock.systemUTC()));
        Response response = page.search(security(viewer, admin), uri(), p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7],
                p[8], p[9], p[10], p[11]);
        return Jsoup.parse((String) response.getEntity());
    }

    private static List<Element> blocks(Document page) {
        return page.select("ol.results > li.result-session");
    }

    @Test
    void eachSessionIsOneBlockWithItsFactsHitCountAndBestHitsLinkingToTheirTurns() {
        Results reader = new Results();
        reader.sessions.add(session("alice", "plan", 5, 3));
        reader.sessions.add(session("alice", "fix", 1, 1));
        Document page = page(reader, "alice", false, "q", "heron");

        assertThat(blocks(page)).hasSize(2);
        Element plan = blocks(page).get(0);
        assertThat(plan.selectFirst("a.result-title").text()).isEqualTo("Title of plan");
        assertThat(plan.selectFirst("a.result-title").attr("href")).isEqualTo("/sessions/claude-code/laptop/plan?hl=heron");
        assertThat(plan.selectFirst(".result-facts").text()).isEqualTo("claude-code laptop src/shop 5 hits");
        assertThat(plan.selectFirst(".result-project").attr("title")).isEqualTo("/home/alice/src/shop");
        List<Element> hits = plan.select("ol.session-hits > li.result");
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).hasClass("result-user")).isTrue();
        assertThat(hits.get(0).selectFirst(".result-role").text()).isEqualTo("User");
        assertThat(hits.get(0).selectFirst("time").attr("datetime")).startsWith("2026-01-01T12:00");
        assertThat(hits.get(0).selectFirst(".snippet").text()).isEqualTo("about the heron");
        assertThat(hits.get(0).select(".snippet mark")).extracting(Element::text).containsExactly("heron");
        assertThat(hits).extracting(hit -> hit.selectFirst("a.hit-link").attr("href")).containsExactly(
                "/sessions/claude-code/laptop/plan?hl=heron&turn=plan-t0#hit",
                "/sessions/claude-code/laptop/plan?hl=heron&turn=plan-t1#hit",
                "/sessions/claude-code/laptop/plan?hl=heron&turn=plan-t2#hit");
        assertThat(plan.selectFirst(".all-hits a").text()).isEqualTo("All 5 hits in this session →");
        assertThat(plan.selectFirst(".all-hits a").attr("href"))
                .isEqualTo("/search?q=heron&session=claude-code%2Flaptop%2Fplan");

        Element fix = blocks(page).get(1);
        assertThat(fix.selectFirst(".hit-count").text()).isEqualTo("1 hit");
        assertThat(fix.selectFirst(".all-hits")).as("every hit is shown already").isNull();
        assertThat(page.selectFirst(".page-sub").text()).isEqualTo("Sessions 1–2, best match first");
        assertThat(page.selectFirst(".notice")).isNull();
    }

    @Test
    void pagesCountSessionsAndAskTheReaderForOneMoreThanAPageHolds() {
        Results reader = new Results();
        for (int i = 0; i < SearchPage.PAGE_SIZE + 5; i++) {
            reader.sessions.add(session("alice", "s" + i, 2, 2));
        }
        Document first = page(reader, "alice", false, "q", "heron", "tool", "codex");
        assertThat(blocks(first)).hasSize(SearchPage.PAGE_SIZE);
        assertThat(reader.asked.get(0).limit()).isEqualTo(SearchPage.PAGE_SIZE + 1);
        assertThat(reader.asked.get(0).offset()).isZero();
        assertThat(first.selectFirst(".pager a[rel=prev]")).isNull();
        String next = first.selectFirst(".pager a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/search?q=heron&tool=codex&page=2");

        Document second = page(reader, "alice", false, "q", "heron", "tool", "codex", "page", "2");
        assertThat(reader.asked.get(1).offset()).isEqualTo(SearchPage.PAGE_SIZE);
        assertThat(blocks(second)).extracting(b -> b.selectFirst("a.result-title").text())
                .containsExactly("Title of s20", "Title of s21", "Title of s22", "Title of s23", "Title of s24");
        assertThat(second.selectFirst("ol.results").attr("start")).isEqualTo("21");
        assertThat(second.selectFirst(".page-sub").text()).startsWith("Sessions 21–25");
        assertThat(second.selectFirst(".pager a[rel=next]")).isNull();
        assertThat(second.selectFirst(".pager a[rel=prev]").attr("href")).isEqualTo("/search?q=heron&tool=codex");
    }

    @Test
    void everyFilterReachesTheReaderAndStaysInTheFormAndTheLinks() {
        Results reader = new Results();
        reader.sessions.add(session("alice", "plan", 9, 3));
        Document page = page(reader, "alice", false, "q", "heron", "tool", "claude-code", "host", "laptop",
                "project", "/home/alice/src", "from", "2026-01-01", "to", "2026-01-31", "role", "user",
                "kind", "tool_use", "file", "src/app.py");

        TurnSearch asked = reader.asked.get(0);
        assertThat(asked.owner()).isEqualTo("alice");
        assertThat(asked.tool()).isEqualTo("claude-code");
        assertThat(asked.host()).isEqualTo("laptop");
        assertThat(asked.sessionId()).isNull();
        assertThat(asked.project()).isEqualTo("/home/alice/src");
        assertThat(asked.since()).isEqualTo(1_767_225_600.0); // 2026-01-01T00:00:00Z
        assertThat(asked.until()).isEqualTo(1_769_904_000.0 - 0.001); // the end of 2026-01-31
        assertThat(asked.role()).isEqualTo("user");
        assertThat(asked.kind()).isEqualTo("tool_use");
        assertThat(asked.file()).isEqualTo("src/app.py");

        assertThat(page.selectFirst("input#s-from").val()).isEqualTo("2026-01-01");
        assertThat(page.selectFirst("input#s-to").val()).isEqualTo("2026-01-31");
        assertThat(page.selectFirst("select#s-kind option[selected]").text()).isEqualTo("tool calls");
        assertThat(page.selectFirst("select#s-role option[selected]").val()).isEqualTo("user");
        assertThat(page.selectFirst("input#s-project").val()).isEqualTo("/home/alice/src");
        assertThat(page.selectFirst("input#s-file").val()).isEqualTo("src/app.py");
        assertThat(page.selectFirst(".all-hits a").attr("href")).isEqualTo("/search?q=heron&tool=claude-code&host=laptop"
                + "&project=%2Fhome%2Falice%2Fsrc&from=2026-01-01&to=2026-01-31&role=user&kind=tool_use&file=src%2Fapp.py"
                + "&session=claude-code%2Flaptop%2Fplan");
    }

    @Test
    void allHitsOfASessionAreListedOnePerTurnUnderItsTitleWithTheFiltersKept() {
        Results reader = new Results();
        reader.sessions.add(session("alice", "plan", 30, 3));
        for (int i = 0; i < 30; i++) {
            reader.turns.add(hit("alice", "plan", "t" + i, "assistant", "number " + i + " ", "heron"));
        }
        Document page = page(reader, "alice", false, "q", "heron", "tool", "codex", "session", "claude-code/laptop/plan",
                "role", "assistant");

        TurnSearch turns = reader.asked.get(0);
        assertThat(List.of(turns.tool(), turns.host(), turns.sessionId(), turns.role()))
                .containsExactly("claude-code", "laptop", "plan", "assistant");
        assertThat(turns.limit()).isEqualTo(SearchPage.HITS_PAGE_SIZE + 1);
        assertThat(blocks(page)).isEmpty();
        List<Element> hits = page.select("ol.results.session-hits > li.result");
        assertThat(hits).hasSize(SearchPage.HITS_PAGE_SIZE);
        assertThat(hits.get(3).selectFirst("a.hit-link").attr("href"))
                .isEqualTo("/sessions/claude-code/laptop/plan?hl=heron&turn=t3#hit");
        assertThat(page.selectFirst(".search-session a.result-title").text()).isEqualTo("Title of plan");
        assertThat(page.selectFirst(".search-session .hit-count").text()).isEqualTo("30 hits");
        assertThat(page.selectFirst(".page-sub").text()).isEqualTo("Hits 1–25 of 30 hits in one session, best match first");
        assertThat(page.selectFirst(".search-session a.all-sessions").attr("href"))
                .isEqualTo("/search?q=heron&tool=codex&role=assistant");
        assertThat(page.selectFirst("input[type=hidden][name=session]").val()).isEqualTo("claude-code/laptop/plan");
        assertThat(page.selectFirst(".pager a[rel=next]").attr("href"))
                .isEqualTo("/search?q=heron&tool=codex&session=claude-code%2Flaptop%2Fplan&role=assistant&page=2");

        Results unasked = new Results();
        Document noWords = page(unasked, "alice", false, "session", "claude-code/laptop/plan");
        assertThat(unasked.asked).isEmpty();
        assertThat(noWords.selectFirst(".search-session")).isNull();
        assertThat(noWords.selectFirst(".empty-state h2").text()).isEqualTo("Search your transcripts");
    }

    @Test
    void anAdminSeesWhoseSessionItIsAndLinksNameTheOwner() {
        Results reader = new Results();
        reader.sessions.add(session("bob", "bobs", 4, 3));
        Document page = page(reader, "carol", true, "q", "heron", "owner", "*");
        assertThat(reader.asked.get(0).owner()).as("everyone").isNull();
        Element block = blocks(page).get(0);
        assertThat(block.selectFirst(".result-facts").text()).contains("bob");
        assertThat(block.selectFirst("a.result-title").attr("href")).isEqualTo("/sessions/claude-code/laptop/bobs?owner=bob&hl=heron");
        assertThat(block.selectFirst("a.hit-link").attr("href")).isEqualTo("/sessions/claude-code/laptop/bobs?owner=bob&hl=heron&turn=bobs-t0#hit");
        assertThat(block.selectFirst(".all-hits a").attr("href")).isEqualTo("/search?q=heron&owner=*&session=claude-code%2Flaptop%2Fbobs");
    }

    @Test
    void turnsNotIndexedYetAreNoticed() {
        Results reader = new Results();
        reader.sessions.add(session("alice", "plan", 1, 1));
        reader.pending = 12_345;
        Document page = page(reader, "alice", false, "q", "heron");
        assertThat(page.selectFirst(".notice[role=status]").text())
                .isEqualTo("12\u202f345 turns are not searchable yet: they are still being indexed, so results may be missing something stored a moment ago.");
    }

    @Test
    void aMalformedSessionOrKindIsRefused() {
        for (String session : List.of("plan", "a/b", "a/b/c/d", "/laptop/plan", "claude-code/lap top/plan")) {
            assertThatThrownBy(() -> page(new Results(), "alice", false, "q", "heron", "session", session))
                    .as(session).isInstanceOfSatisfying(PageProblem.class,
                            problem -> assertThat(problem.getResponse().getStatus()).isEqualTo(400));
        }
        assertThatThrownBy(() -> page(new Results(), "alice", false, "q", "heron", "kind", "<b>"))
                .isInstanceOf(PageProblem.class);
        assertThatThrownBy(() -> page(new Results(), "alice", false, "q", "heron", "from", "2026-02-01", "to", "2026-01-01"))
                .isInstanceOf(PageProblem.class);
    }

    private static SecurityContext security(String name, boolean admin) {
        Viewer viewer = new Viewer() {
            public String getName() {
                return name;
            }

            public boolean isAdmin() {
                return admin;
            }

            public boolean isLocalMode() {
                return false;
            }

            public String signedInVia() {
                return "test";
            }
        };
        Principal principal = (Principal) Proxy.newProxyInstance(SearchPageTest.class.getClassLoader(),
                new Class<?>[] {Principal.class, Viewer.class},
                (proxy, method, args) -> method.getName().equals("getName") ? viewer.getName()
                        : method.getDeclaringClass() == Viewer.class ? method.invoke(viewer, args) : null);
        return (SecurityContext) Proxy.newProxyInstance(SearchPageTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class},
                (proxy, method, args) -> method.getName().equals("getUserPrincipal") ? principal : null);
    }

    private static UriInfo uri() {
        return (UriInfo) Proxy.newProxyInstance(SearchPageTest.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getBaseUri") ? URI.create("http://localhost/") : null);
    }
}
