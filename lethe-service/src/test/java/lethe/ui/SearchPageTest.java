package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class SearchPageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));
    static final double START = 1_767_268_800; // 2026-01-01T12:00:00Z

    /** Short enough that the snippet (16 words at most) holds all of it. */
    static final String HOSTILE = "<script>alert(1)</script> quokka <img src onerror=alert(2)> «fake» <mark>x</mark> quokka";
    static final int MANY = 30;

    @BeforeAll
    static void seed() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        StringBuilder lines = new StringBuilder();
        lines.append(Turns.line("plan", "p0", 0, "user", START, "Plan the zebra migration for the orders table")).append('\n');
        lines.append(Turns.line("plan", "p1", 1, "assistant", START + 5, "First copy the rows, then switch reads.")).append('\n');
        lines.append(Turns.line("plan", "p2", 2, "tool", START + 6, "zebra_migration.sql written")).append('\n');
        lines.append(Turns.line("opencode", "ci-runner", "hostile", "h0", 0, "user", START + 60, "Show me this")).append('\n');
        lines.append(Turns.line("opencode", "ci-runner", "hostile", "h1", 1, "assistant", START + 61, HOSTILE)).append('\n');
        for (int i = 0; i < MANY; i++) {
            lines.append(Turns.line("many", "m" + i, i, "assistant", START + 100 + i, "wombat number " + i)).append('\n');
        }
        ingest(alice, lines.toString());
        Http bob = Http.to(APP.getLocalPort()).as("bob");
        ingest(bob, Turns.line("claude-code", "bobs-box", "bob-plan", "b0", 0, "user", START,
                "My own zebra notes: the bonus list") + "\n");
    }

    private static void ingest(Http user, String ndjson) {
        Http.Response response = user.ingest(ndjson);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("errors")).as(response.body()).isEmpty();
    }

    private static Http.Response get(String user, String path) {
        return Http.to(APP.getLocalPort()).as(user).get(path);
    }

    private static Document page(String user, String path) {
        Http.Response response = get(user, path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Html.parse(response);
    }

    private static String q(String text) {
        return "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Element> results(Document page) {
        return page.select("ol.results li.result");
    }

    @Test
    void aResultShowsItsSessionRoleTimeAndTheMatchedWordsMarked() {
        Document page = page("alice", q("zebra migration"));
        assertThat(page.title()).isEqualTo("Search: zebra migration · lethe");
        List<Element> found = results(page);
        assertThat(found).hasSize(2);
        Element user = found.stream().filter(r -> r.hasClass("result-user")).findFirst().orElseThrow();
        assertThat(user.selectFirst("a.result-title").text()).isEqualTo("Plan the zebra migration for the orders table");
        assertThat(user.selectFirst("a.result-title").attr("href")).isEqualTo("/sessions/claude-code/laptop/plan?hl=zebra+migration&at=0#hit");
        assertThat(user.selectFirst(".result-role").text()).isEqualTo("User");
        assertThat(user.selectFirst(".result-facts").text()).contains("claude-code", "laptop");
        assertThat(user.selectFirst("time").attr("datetime")).startsWith("2026-01-01T12:00");
        assertThat(user.selectFirst(".snippet").text()).isEqualTo("Plan the zebra migration for the orders table");
        assertThat(user.select(".snippet mark")).extracting(Element::text).containsExactly("zebra", "migration");

        Element tool = found.stream().filter(r -> r.hasClass("result-tool")).findFirst().orElseThrow();
        assertThat(tool.selectFirst("a.result-title").attr("href")).endsWith("/plan?hl=zebra+migration&at=2#hit");
        assertThat(tool.selectFirst(".result-role").text()).isEqualTo("Tool");
    }

    @Test
    void eachResultLinksToATurnThatExistsOnTheTranscript() {
        String href = results(page("alice", q("switch reads"))).get(0).selectFirst("a.result-title").attr("href");
        assertThat(href).isEqualTo("/sessions/claude-code/laptop/plan?hl=switch+reads&at=1#hit");
        Document transcript = page("alice", href.substring(0, href.indexOf('#')));
        Element hit = transcript.getElementById("hit").parent();
        assertThat(hit.id()).isEqualTo("turn-2");
        assertThat(hit.text()).contains("First copy the rows");
        assertThat(hit.select("mark")).extracting(Element::text).contains("switch", "reads");
    }

    @Test
    void bobsSearchNeverShowsAlicesTurns() {
        Document bobs = page("bob", q("zebra"));
        assertThat(results(bobs)).hasSize(1);
        assertThat(results(bobs).get(0).selectFirst("a.result-title").attr("href")).isEqualTo("/sessions/claude-code/bobs-box/bob-plan?hl=zebra&at=0#hit");
        assertThat(bobs.body().text()).doesNotContain("orders table", "laptop");

        Document alices = page("alice", q("zebra"));
        assertThat(results(alices)).hasSize(2);
        assertThat(alices.body().text()).doesNotContain("bonus list", "bobs-box");

        assertThat(results(page("bob", q("quokka")))).isEmpty();
        assertThat(get("bob", q("zebra") + "&owner=alice").status()).isEqualTo(403);
    }

    @Test
    void anAdminPicksAnOwnerOrEveryoneAndLinksSayWhose() {
        Document everyone = page("carol", q("zebra") + "&owner=*");
        assertThat(everyone.selectFirst("select#s-owner option[selected]").attr("value")).isEqualTo("*");
        assertThat(results(everyone)).hasSize(3);
        assertThat(results(everyone)).extracting(r -> r.selectFirst("a.result-title").attr("href"))
                .contains("/sessions/claude-code/bobs-box/bob-plan?owner=bob&hl=zebra&at=0#hit",
                        "/sessions/claude-code/laptop/plan?owner=alice&hl=zebra&at=0#hit");

        Document bobs = page("carol", q("zebra") + "&owner=bob");
        assertThat(results(bobs)).hasSize(1);
        assertThat(page("carol", q("zebra")).select("ol.results")).as("carol's own: none").isEmpty();
        assertThat(page("alice", q("zebra")).selectFirst("select#s-owner")).as("no selector for non-admins").isNull();
    }

    @Test
    void markupAndFakeMarkersInATranscriptAreShownAsText() {
        Http.Response response = get("alice", q("quokka"));
        assertThat(response.body()).doesNotContain("<script>alert", "<img src onerror", "<mark>x");
        Element result = results(Html.parse(response)).get(0);
        Element snippet = result.selectFirst(".snippet");
        assertThat(snippet.select("script, img")).isEmpty();
        assertThat(snippet.select("mark")).extracting(Element::text).containsExactly("quokka", "quokka");
        // A snippet may start at the first word (PostgreSQL's headlines do): the markup after it is the point.
        assertThat(HOSTILE).endsWith(snippet.text().substring(snippet.text().indexOf("script>")));
        assertThat(snippet.text()).contains("script>alert(1)</script> quokka <img src onerror=alert(2)>");
    }

    @Test
    void manyMatchesArePaged() {
        Document first = page("alice", q("wombat"));
        assertThat(results(first)).hasSize(25);
        assertThat(first.selectFirst(".page-sub").text()).startsWith("1–25");
        String next = first.selectFirst(".pager a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/search?q=wombat&page=2");

        Document second = page("alice", next);
        assertThat(results(second)).hasSize(MANY - 25);
        assertThat(second.selectFirst("ol.results").attr("start")).isEqualTo("26");
        assertThat(second.selectFirst(".pager a[rel=next]")).isNull();
        assertThat(second.selectFirst(".pager a[rel=prev]").attr("href")).isEqualTo("/search?q=wombat");

        Document beyond = page("alice", q("wombat") + "&page=9");
        assertThat(beyond.selectFirst(".empty-state h2").text()).isEqualTo("No more results");
    }

    @Test
    void filtersByToolAndHostAreCarriedAlong() {
        Document page = page("alice", q("quokka zebra wombat*") + "&tool=opencode");
        assertThat(results(page)).isEmpty();
        Document tool = page("alice", q("quokka") + "&tool=opencode&host=ci-runner");
        assertThat(results(tool)).hasSize(1);
        assertThat(tool.selectFirst("select#s-tool option[selected]").text()).isEqualTo("opencode");
        assertThat(results(page("alice", q("quokka") + "&tool=claude-code"))).isEmpty();
    }

    @Test
    void filtersByProjectRoleAndFileNarrowTheResultsAndStayInTheForm() {
        String shop = "\"tool\":\"claude-code\",\"host\":\"lap\",\"session_id\":\"shop\"";
        ingest(Http.to(APP.getLocalPort()).as("carol"), String.join("\n",
                "{" + shop + ",\"turn_id\":\"s0\",\"seq\":0,\"role\":\"user\",\"timestamp\":1700000000,"
                        + "\"content\":\"fix the heron bug\",\"session_meta\":{\"cwd\":\"/srv/shop\"}}",
                "{" + shop + ",\"turn_id\":\"s1\",\"seq\":1,\"role\":\"assistant\",\"timestamp\":1700000001,"
                        + "\"content\":\"reading about the heron\",\"kind\":\"tool_call\",\"tool_call\":{\"id\":\"r1\","
                        + "\"name\":\"Read\",\"input\":{\"file_path\":\"/srv/shop/src/app.py\"}}}",
                "{\"tool\":\"claude-code\",\"host\":\"lap\",\"session_id\":\"blog\",\"turn_id\":\"b0\",\"seq\":0,"
                        + "\"role\":\"user\",\"timestamp\":1700000100,\"content\":\"a heron post\","
                        + "\"session_meta\":{\"cwd\":\"/srv/blog\"}}") + "\n");

        assertThat(results(page("carol", q("heron")))).hasSize(3);
        assertThat(results(page("carol", q("heron") + "&project=/srv/shop"))).hasSize(2);
        assertThat(results(page("carol", q("heron") + "&role=user"))).hasSize(2);
        Document byFile = page("carol", q("heron") + "&file=src/app.py&role=user");
        assertThat(results(byFile)).hasSize(1);
        assertThat(results(byFile).get(0).selectFirst("a").attr("href")).contains("/shop");
        assertThat(byFile.selectFirst("input#s-file").val()).isEqualTo("src/app.py");
        assertThat(byFile.selectFirst("select#s-role option[selected]").val()).isEqualTo("user");

        Document sessions = page("carol", "/?file=app.py");
        assertThat(sessions.select("table.session-list tbody tr")).hasSize(1);
        assertThat(sessions.selectFirst("input#f-file").val()).isEqualTo("app.py");
        assertThat(page("carol", "/?file=other.py").select("table.session-list tbody tr")).isEmpty();
        assertThat(get("carol", q("heron") + "&role=robot").status()).isEqualTo(400);
    }

    @Test
    void withoutWordsThePageExplainsHowToSearchAndNothingFoundSaysSo() {
        Document empty = page("alice", "/search");
        assertThat(empty.selectFirst(".empty-state h2").text()).isEqualTo("Search your transcripts");
        assertThat(empty.select("ol.results")).isEmpty();
        assertThat(page("alice", "/search?q=+++").selectFirst(".empty-state h2").text()).isEqualTo("Search your transcripts");

        Document none = page("alice", q("xylophone"));
        assertThat(none.selectFirst(".empty-state h2").text()).isEqualTo("Nothing found");
        assertThat(none.selectFirst("input#s-q").val()).isEqualTo("xylophone");
        assertThat(none.selectFirst("input#site-q").val()).isEqualTo("xylophone");
    }

    @Test
    void aMalformedSearchIsA400PageNeverJson() {
        for (String path : List.of(q("*** ???"), q("x".repeat(501)), q("zebra") + "&page=0", q("zebra") + "&tool=%3Cb%3E")) {
            Http.Response response = get("alice", path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).isEqualTo("text/html;charset=utf-8");
            assertThat(Html.parse(response).selectFirst("h1").text()).isEqualTo("Invalid request");
            assertThat(response.body()).doesNotContain("<b>", "SQL", "fts5");
        }
        assertThat(Html.parse(get("alice", q("*** ???"))).selectFirst(".error-detail").text())
                .isEqualTo("q must contain at least one word (letters or digits) to search for.");
    }

    @Test
    void everyPageHasTheSearchBoxInItsHeader() {
        for (String path : List.of("/", "/stats", "/sessions/claude-code/laptop/plan", "/search")) {
            Element form = page("alice", path).selectFirst("header form.site-search[role=search]");
            assertThat(form).as(path).isNotNull();
            assertThat(form.attr("method")).isEqualTo("get");
            assertThat(form.attr("action")).isEqualTo("/search");
            assertThat(form.selectFirst("label[for=site-q]").text()).isEqualTo("Search transcripts");
            assertThat(form.selectFirst("input#site-q").attr("name")).isEqualTo("q");
        }
        assertThat(page("alice", "/search").selectFirst("nav.site-nav a[aria-current=page]").text()).isEqualTo("Search");
    }

    @Test
    void theTranscriptLinksToItsMarkdownAndNdjsonDownloads() {
        Element downloads = page("alice", "/sessions/claude-code/laptop/plan").selectFirst(".downloads");
        assertThat(downloads.text()).isEqualTo("Download: Markdown · NDJSON");
        String markdown = downloads.selectFirst("a:contains(Markdown)").attr("href");
        String ndjson = downloads.selectFirst("a:contains(NDJSON)").attr("href");
        assertThat(markdown).isEqualTo("/api/v1/sessions/claude-code/laptop/plan/export.md");
        assertThat(ndjson).isEqualTo("/api/v1/sessions/claude-code/laptop/plan/export.ndjson");

        Http.Response md = get("alice", markdown);
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.header("Content-Disposition")).startsWith("attachment");
        assertThat(md.body()).contains("Plan the zebra migration");
        Http.Response lines = get("alice", ndjson);
        assertThat(lines.status()).isEqualTo(200);
        assertThat(lines.body().lines()).hasSize(3);

        Element admin = page("carol", "/sessions/claude-code/laptop/plan?owner=alice").selectFirst(".downloads");
        String adminMarkdown = admin.selectFirst("a:contains(Markdown)").attr("href");
        assertThat(adminMarkdown).isEqualTo("/api/v1/sessions/claude-code/laptop/plan/export.md?owner=alice");
        assertThat(get("carol", adminMarkdown).status()).isEqualTo(200);
        assertThat(get("bob", markdown).status()).as("bob cannot download alice's").isEqualTo(404);
    }
}
