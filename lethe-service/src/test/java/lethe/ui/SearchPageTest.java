package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Browser;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import lethe.ui.search.SearchPage;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class SearchPageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));
    static final double START = 1_767_268_800; // 2026-01-01T12:00:00Z

    /** Short enough that the snippet (16 words at most) holds all of it. */
    static final String HOSTILE = "<script>alert(1)</script> quokka <img src onerror=alert(2)> «fake» <mark>x</mark> quokka";
    static final int MANY = 30;
    /** More sessions holding "gnu" than one page shows. */
    static final int SESSIONS = 23;

    @BeforeAll
    static void seed() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        StringBuilder lines = new StringBuilder();
        lines.append("{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"plan\",\"turn_id\":\"p0\",\"seq\":0,"
                + "\"role\":\"user\",\"timestamp\":" + (long) START + ",\"content\":\"Plan the zebra migration for the orders table\","
                + "\"session_meta\":{\"cwd\":\"/home/alice/src/shop\"}}").append('\n');
        lines.append(Turns.line("plan", "p1", 1, "assistant", START + 5, "First copy the rows, then switch reads.")).append('\n');
        lines.append(Turns.line("plan", "p2", 2, "tool", START + 6, "zebra_migration.sql written")).append('\n');
        lines.append(Turns.line("opencode", "ci-runner", "hostile", "h0", 0, "user", START + 60, "Show me this")).append('\n');
        lines.append(Turns.line("opencode", "ci-runner", "hostile", "h1", 1, "assistant", START + 61, HOSTILE)).append('\n');
        for (int i = 0; i < MANY; i++) {
            lines.append(Turns.line("many", "m" + i, i, "assistant", START + 100 + i, "wombat number " + i)).append('\n');
        }
        for (int i = 0; i < SESSIONS; i++) {
            lines.append(Turns.line("gnu-" + i, "g" + i, 0, "user", START + 200 + i, "a gnu called " + i)).append('\n');
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

    /** The sessions found, one block each. */
    private static List<Element> sessions(Document page) {
        return page.select("ol.results > li.result-session");
    }

    /** Every hit on the page: a session's best ones, or one session's all. */
    private static List<Element> hits(Document page) {
        return page.select("ol.session-hits > li.result");
    }

    private static String title(Element block) {
        return block.selectFirst("a.result-title").text();
    }

    @Test
    void aSessionIsOneBlockWithItsFactsHitCountAndItsHitsMarked() {
        Document page = page("alice", q("zebra migration"));
        assertThat(page.title()).isEqualTo("Search: zebra migration · lethe");
        assertThat(sessions(page)).hasSize(1);
        Element plan = sessions(page).get(0);
        assertThat(title(plan)).isEqualTo("Plan the zebra migration for the orders table");
        assertThat(plan.selectFirst("a.result-title").attr("href")).isEqualTo("/sessions/claude-code/laptop/plan?hl=zebra+migration");
        assertThat(plan.selectFirst(".result-facts").text()).isEqualTo("claude-code laptop src/shop 2 hits");
        assertThat(plan.selectFirst(".result-project").attr("title")).isEqualTo("/home/alice/src/shop");
        assertThat(plan.selectFirst(".all-hits")).as("both hits are shown").isNull();

        List<Element> hits = plan.select("ol.session-hits > li.result");
        assertThat(hits).hasSize(2);
        Element user = hits.stream().filter(r -> r.hasClass("result-user")).findFirst().orElseThrow();
        assertThat(user.selectFirst("a.hit-link").attr("href")).isEqualTo("/sessions/claude-code/laptop/plan?hl=zebra+migration&turn=p0#hit");
        assertThat(user.selectFirst(".result-role").text()).isEqualTo("User");
        assertThat(user.selectFirst("time").attr("datetime")).startsWith("2026-01-01T12:00");
        assertThat(user.selectFirst(".snippet").text()).isEqualTo("Plan the zebra migration for the orders table");
        assertThat(user.select(".snippet mark")).extracting(Element::text).containsExactly("zebra", "migration");

        Element tool = hits.stream().filter(r -> r.hasClass("result-tool")).findFirst().orElseThrow();
        assertThat(tool.selectFirst("a.hit-link").attr("href")).endsWith("/plan?hl=zebra+migration&turn=p2#hit");
        assertThat(tool.selectFirst(".result-role").text()).isEqualTo("Tool");
    }

    @Test
    void eachHitLinksToATurnThatExistsOnTheTranscript() {
        String href = hits(page("alice", q("switch reads"))).get(0).selectFirst("a.hit-link").attr("href");
        assertThat(href).isEqualTo("/sessions/claude-code/laptop/plan?hl=switch+reads&turn=p1#hit");
        Document transcript = page("alice", href.substring(0, href.indexOf('#')));
        Element hit = transcript.getElementById("hit").parent();
        assertThat(hit.id()).isEqualTo("turn-2");
        assertThat(hit.text()).contains("First copy the rows");
        assertThat(hit.select("mark")).extracting(Element::text).contains("switch", "reads");
    }

    @Test
    void aSessionWithManyHitsShowsItsBestThreeAndLinksToAllOfThemPagedByTurn() {
        Document found = page("alice", q("wombat"));
        assertThat(sessions(found)).hasSize(1);
        Element many = sessions(found).get(0);
        assertThat(many.selectFirst(".hit-count").text()).isEqualTo(MANY + " hits");
        assertThat(many.select("ol.session-hits > li.result")).hasSize(3);
        Element all = many.selectFirst(".all-hits a");
        assertThat(all.text()).isEqualTo("All " + MANY + " hits in this session →");
        assertThat(all.attr("href")).isEqualTo("/search?q=wombat&session=claude-code%2Flaptop%2Fmany");

        Document first = page("alice", all.attr("href"));
        assertThat(sessions(first)).isEmpty();
        assertThat(hits(first)).hasSize(25);
        Element untitled = first.selectFirst(".search-session a.result-title");
        assertThat(untitled.text()).as("no user turn: the session id").isEqualTo("many");
        assertThat(untitled.hasClass("untitled")).isTrue();
        assertThat(first.selectFirst(".page-sub").text()).isEqualTo("Hits 1–25 of " + MANY + " hits in one session, best match first");
        assertThat(first.selectFirst(".search-session a.all-sessions").attr("href")).isEqualTo("/search?q=wombat");
        String next = first.selectFirst(".pager a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/search?q=wombat&session=claude-code%2Flaptop%2Fmany&page=2");

        Document second = page("alice", next);
        assertThat(hits(second)).hasSize(MANY - 25);
        assertThat(second.selectFirst("ol.results").attr("start")).isEqualTo("26");
        assertThat(second.selectFirst(".pager a[rel=next]")).isNull();
        List<String> turns = new ArrayList<>();
        for (Document page : List.of(first, second)) {
            hits(page).forEach(hit -> turns.add(hit.selectFirst("a.hit-link").attr("href")));
        }
        assertThat(turns).as("every hit of the session once").doesNotHaveDuplicates().hasSize(MANY)
                .allMatch(href -> href.startsWith("/sessions/claude-code/laptop/many?hl=wombat&turn=m"));
    }

    @Test
    void manySessionsArePagedBySession() {
        Document first = page("alice", q("gnu"));
        assertThat(sessions(first)).hasSize(SearchPage.PAGE_SIZE);
        assertThat(first.selectFirst(".page-sub").text()).isEqualTo("Sessions 1–20, best match first");
        assertThat(sessions(first)).allSatisfy(block -> assertThat(block.selectFirst(".hit-count").text()).isEqualTo("1 hit"));
        String next = first.selectFirst(".pager a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/search?q=gnu&page=2");

        Document second = page("alice", next);
        assertThat(sessions(second)).hasSize(SESSIONS - SearchPage.PAGE_SIZE);
        assertThat(second.selectFirst("ol.results").attr("start")).isEqualTo("21");
        assertThat(second.selectFirst(".pager a[rel=next]")).isNull();
        assertThat(second.selectFirst(".pager a[rel=prev]").attr("href")).isEqualTo("/search?q=gnu");
        List<String> titles = new ArrayList<>();
        for (Document page : List.of(first, second)) {
            sessions(page).forEach(block -> titles.add(title(block)));
        }
        assertThat(titles).as("each session once across the pages").doesNotHaveDuplicates().hasSize(SESSIONS);

        Document beyond = page("alice", q("gnu") + "&page=9");
        assertThat(beyond.selectFirst(".empty-state h2").text()).isEqualTo("No more results");
    }

    @Test
    void bobsSearchNeverShowsAlicesSessions() {
        Document bobs = page("bob", q("zebra"));
        assertThat(sessions(bobs)).hasSize(1);
        assertThat(hits(bobs).get(0).selectFirst("a.hit-link").attr("href")).isEqualTo("/sessions/claude-code/bobs-box/bob-plan?hl=zebra&turn=b0#hit");
        assertThat(bobs.body().text()).doesNotContain("orders table", "laptop", "shop");

        Document alices = page("alice", q("zebra"));
        assertThat(sessions(alices)).extracting(SearchPageTest::title).containsExactly("Plan the zebra migration for the orders table");
        assertThat(alices.body().text()).doesNotContain("bonus list", "bobs-box");

        assertThat(sessions(page("bob", q("quokka")))).isEmpty();
        assertThat(sessions(page("bob", q("wombat")))).isEmpty();
        Document into = page("bob", q("zebra") + "&session=claude-code/laptop/plan");
        assertThat(hits(into)).as("naming alice's session gets bob nothing of it").isEmpty();
        assertThat(into.selectFirst(".empty-state h2").text()).isEqualTo("Nothing found");
        assertThat(into.body().text()).doesNotContain("orders table", "zebra migration");
        assertThat(get("bob", q("zebra") + "&owner=alice").status()).isEqualTo(403);
        assertThat(get("bob", q("zebra") + "&owner=alice&session=claude-code/laptop/plan").status()).isEqualTo(403);
    }

    @Test
    void anAdminPicksAnOwnerOrEveryoneAndLinksSayWhose() {
        Document everyone = page("carol", q("zebra") + "&owner=*");
        assertThat(everyone.selectFirst("select#s-owner option[selected]").attr("value")).isEqualTo("*");
        assertThat(sessions(everyone)).hasSize(2);
        assertThat(hits(everyone)).extracting(r -> r.selectFirst("a.hit-link").attr("href"))
                .contains("/sessions/claude-code/bobs-box/bob-plan?owner=bob&hl=zebra&turn=b0#hit",
                        "/sessions/claude-code/laptop/plan?owner=alice&hl=zebra&turn=p0#hit");
        assertThat(sessions(everyone)).extracting(block -> block.selectFirst(".result-facts").text())
                .anySatisfy(facts -> assertThat(facts).contains("bob"))
                .anySatisfy(facts -> assertThat(facts).contains("alice"));

        Element wombats = sessions(page("carol", q("wombat") + "&owner=*")).get(0);
        String all = wombats.selectFirst(".all-hits a").attr("href");
        assertThat(all).isEqualTo("/search?q=wombat&owner=*&session=claude-code%2Flaptop%2Fmany");
        assertThat(hits(page("carol", all))).hasSize(25)
                .allSatisfy(hit -> assertThat(hit.selectFirst("a.hit-link").attr("href")).contains("owner=alice"));

        assertThat(sessions(page("carol", q("zebra") + "&owner=bob"))).hasSize(1);
        assertThat(page("carol", q("zebra")).select("ol.results")).as("carol's own: none").isEmpty();
        assertThat(page("alice", q("zebra")).selectFirst("select#s-owner")).as("no selector for non-admins").isNull();
    }

    @Test
    void markupAndFakeMarkersInATranscriptAreShownAsText() {
        Http.Response response = get("alice", q("quokka"));
        assertThat(response.body()).doesNotContain("<script>alert", "<img src onerror", "<mark>x");
        Element result = hits(Html.parse(response)).get(0);
        Element snippet = result.selectFirst(".snippet");
        assertThat(snippet.select("script, img")).isEmpty();
        assertThat(snippet.select("mark")).extracting(Element::text).containsExactly("quokka", "quokka");
        // A snippet may start at the first word (PostgreSQL's headlines do): the markup after it is the point.
        assertThat(HOSTILE).endsWith(snippet.text().substring(snippet.text().indexOf("script>")));
        assertThat(snippet.text()).contains("script>alert(1)</script> quokka <img src onerror=alert(2)>");
    }

    @Test
    void filtersByToolAndHostAreCarriedAlong() {
        Document page = page("alice", q("quokka zebra wombat*") + "&tool=opencode");
        assertThat(sessions(page)).isEmpty();
        Document tool = page("alice", q("quokka") + "&tool=opencode&host=ci-runner");
        assertThat(sessions(tool)).hasSize(1);
        assertThat(tool.selectFirst("select#s-tool option[selected]").text()).isEqualTo("opencode");
        assertThat(sessions(page("alice", q("quokka") + "&tool=claude-code"))).isEmpty();
    }

    @Test
    void filtersByProjectRoleKindDatesAndFileNarrowTheSessionsAndStayInTheForm() {
        String shop = "\"tool\":\"claude-code\",\"host\":\"lap\",\"session_id\":\"shop\"";
        ingest(Http.to(APP.getLocalPort()).as("dave"), String.join("\n",
                "{" + shop + ",\"turn_id\":\"s0\",\"seq\":0,\"role\":\"user\",\"timestamp\":1700000000,"
                        + "\"content\":\"fix the heron bug\",\"session_meta\":{\"cwd\":\"/srv/shop\"}}",
                "{" + shop + ",\"turn_id\":\"s1\",\"seq\":1,\"role\":\"assistant\",\"timestamp\":1700000001,"
                        + "\"content\":\"reading about the heron\",\"kind\":\"tool_use\",\"tool_call\":{\"id\":\"r1\","
                        + "\"name\":\"Read\",\"input\":{\"file_path\":\"/srv/shop/src/app.py\"}}}",
                "{\"tool\":\"claude-code\",\"host\":\"lap\",\"session_id\":\"blog\",\"turn_id\":\"b0\",\"seq\":0,"
                        + "\"role\":\"user\",\"timestamp\":1700000100,\"content\":\"a heron post\","
                        + "\"session_meta\":{\"cwd\":\"/srv/blog\"}}") + "\n");

        Document all = page("dave", q("heron"));
        assertThat(sessions(all)).extracting(block -> block.selectFirst(".hit-count").text())
                .containsExactlyInAnyOrder("2 hits", "1 hit");
        assertThat(sessions(page("dave", q("heron") + "&project=/srv/shop"))).hasSize(1);
        Document typed = page("dave", q("heron") + "&role=user");
        assertThat(sessions(typed)).hasSize(2).allSatisfy(block -> assertThat(block.selectFirst(".hit-count").text()).isEqualTo("1 hit"));
        Document byFile = page("dave", q("heron") + "&file=src/app.py&role=user");
        assertThat(sessions(byFile)).hasSize(1);
        assertThat(sessions(byFile).get(0).selectFirst("a.result-title").attr("href")).contains("/shop");
        assertThat(byFile.selectFirst("input#s-file").val()).isEqualTo("src/app.py");
        assertThat(byFile.selectFirst("select#s-role option[selected]").val()).isEqualTo("user");

        Document calls = page("dave", q("heron") + "&kind=tool_use");
        assertThat(sessions(calls)).hasSize(1);
        assertThat(hits(calls)).extracting(hit -> hit.selectFirst("a.hit-link").attr("href")).containsExactly(
                "/sessions/claude-code/lap/shop?hl=heron&turn=s1#hit");
        assertThat(calls.selectFirst("select#s-kind option[selected]").text()).isEqualTo("tool calls");

        // 1700000000 is 2023-11-14T22:13:20Z: the day's turns, nothing the day before.
        Document day = page("dave", q("heron") + "&from=2023-11-14&to=2023-11-14");
        assertThat(sessions(day)).hasSize(2);
        assertThat(day.selectFirst("input#s-from").val()).isEqualTo("2023-11-14");
        assertThat(sessions(page("dave", q("heron") + "&to=2023-11-13"))).isEmpty();
        assertThat(sessions(page("dave", q("heron") + "&from=2023-11-15"))).isEmpty();

        Document sessions = page("dave", "/?file=app.py");
        assertThat(sessions.select("table.session-list tbody tr")).hasSize(1);
        assertThat(sessions.selectFirst("input#f-file").val()).isEqualTo("app.py");
        assertThat(page("dave", "/?file=other.py").select("table.session-list tbody tr")).isEmpty();
        assertThat(get("dave", q("heron") + "&role=robot").status()).isEqualTo(400);
    }

    @Test
    void inChromiumAPersonFindsSessionsPagesThroughThemAndOpensAllHitsOfOne() {
        try (Browser browser = Browser.start().as("alice")) {
            WebDriver driver = browser.driver();
            browser.open(url("/search"));
            driver.findElement(By.id("s-q")).sendKeys("gnu");
            follow(browser, driver.findElement(By.cssSelector("form.filters button[type=submit]")));
            browser.screenshot("search-sessions");
            assertThat(driver.findElements(By.cssSelector("ol.results > li.result-session"))).hasSize(SearchPage.PAGE_SIZE);
            follow(browser, driver.findElement(By.cssSelector(".pager a[rel=next]")));
            assertThat(driver.findElements(By.cssSelector("ol.results > li.result-session")))
                    .hasSize(SESSIONS - SearchPage.PAGE_SIZE);

            WebElement box = driver.findElement(By.id("s-q"));
            box.clear();
            box.sendKeys("wombat");
            follow(browser, driver.findElement(By.cssSelector("form.filters button[type=submit]")));
            assertThat(driver.getCurrentUrl()).doesNotContain("page=");
            WebElement many = driver.findElement(By.cssSelector("ol.results > li.result-session"));
            assertThat(many.findElement(By.cssSelector(".hit-count")).getText()).isEqualTo(MANY + " hits");
            assertThat(many.findElements(By.cssSelector("ol.session-hits > li.result"))).hasSize(3)
                    .allSatisfy(hit -> assertThat(hit.findElement(By.cssSelector(".snippet mark")).getText()).isEqualTo("wombat"));
            follow(browser, many.findElement(By.cssSelector(".all-hits a")));
            browser.screenshot("search-one-session");
            assertThat(driver.findElements(By.cssSelector("ol.session-hits > li.result"))).hasSize(25);

            // Narrowing the one session's hits keeps to that session.
            driver.findElement(By.cssSelector("select#s-role option[value=assistant]")).click();
            follow(browser, driver.findElement(By.cssSelector("form.filters button[type=submit]")));
            assertThat(driver.getCurrentUrl()).contains("session=claude-code%2Flaptop%2Fmany").contains("role=assistant");
            assertThat(driver.findElement(By.cssSelector(".search-session .hit-count")).getText()).isEqualTo(MANY + " hits");

            WebElement hit = driver.findElement(By.cssSelector("ol.session-hits > li.result a.hit-link"));
            follow(browser, hit);
            WebElement target = driver.findElement(By.xpath("//span[@id='hit']/ancestor::article"));
            assertThat(target.getText()).contains("wombat number");
            assertThat(target.findElement(By.cssSelector("mark")).isDisplayed()).isTrue();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    /** Clicks what loads another address, and waits until that page has loaded. */
    private static void follow(Browser browser, WebElement element) {
        String before = browser.driver().getCurrentUrl();
        element.click();
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
        wait.until(d -> !before.equals(d.getCurrentUrl()));
        wait.until(d -> "complete".equals(browser.driver().executeScript("return document.readyState")));
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
        assertThat(none.selectFirst(".notice")).as("nothing waits to be indexed").isNull();
    }

    @Test
    void aMalformedSearchIsA400PageNeverJson() {
        for (String path : List.of(q("*** ???"), q("x".repeat(501)), q("zebra") + "&page=0", q("zebra") + "&tool=%3Cb%3E",
                q("zebra") + "&kind=%3Cb%3E", q("zebra") + "&session=plan", q("zebra") + "&from=2026-02-01&to=2026-01-01",
                q("zebra") + "&from=2026-02-30")) {
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
