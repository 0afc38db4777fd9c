package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class SessionsPageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));

    @BeforeAll
    static void seed() {
        UiFixtures.seed(APP.getLocalPort());
    }

    private static Document page(String user, String path) {
        Http.Response response = Http.to(APP.getLocalPort()).as(user).get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/html;charset=utf-8");
        return Html.parse(response);
    }

    private static Elements rows(Document page) {
        return page.select("table.session-list tbody tr");
    }

    @Test
    void listsTheViewersSessionsNewestActivityFirstWithTheirFacts() {
        Document page = page("alice", "/");

        Elements rows = rows(page);
        assertThat(rows).hasSize(50);
        Element first = rows.get(0);
        assertThat(first.selectFirst(".cell-title a").text()).startsWith(UiFixtures.TODO_TITLE_START);
        assertThat(first.selectFirst(".cell-title a").attr("href"))
                .isEqualTo("/sessions/claude-code/laptop/" + UiFixtures.todoSessionId());
        assertThat(first.selectFirst("td[data-label=Tool]").text()).isEqualTo("claude-code");
        assertThat(first.selectFirst("td[data-label=Host]").text()).isEqualTo("laptop");
        assertThat(first.selectFirst("td[data-label=Turns]").text()).isEqualTo("437");
        assertThat(first.selectFirst("td[data-label=Tokens] span").attr("title")).contains("input", "output", "cache read");
        Element started = first.selectFirst("td[data-label=Started] time");
        assertThat(started.text()).startsWith("today ");
        assertThat(started.attr("title")).endsWith("UTC+00:00");
        assertThat(started.attr("datetime")).endsWith("Z");
        assertThat(rows.get(1).selectFirst(".cell-title a").text()).isEqualTo(UiFixtures.INIT_TITLE);
        assertThat(rows.get(3).selectFirst("td[data-label=Tokens]").text()).as("no usage reported").isEqualTo("–");
        assertThat(page.text()).doesNotContain(UiFixtures.BOB_SECRET);
    }

    @Test
    void filtersByToolHostAndActivityDate() {
        assertThat(rows(page("alice", "/?tool=claude-code"))).hasSize(3);
        assertThat(rows(page("alice", "/?tool=claude-code&host=workstation"))).hasSize(1);
        assertThat(rows(page("alice", "/?host=ci-runner"))).hasSize(50);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Document recent = page("alice", "/?from=" + today.minusDays(1) + "&to=" + today);
        assertThat(rows(recent)).extracting(row -> row.selectFirst("td[data-label=Tool]").text())
                .containsOnly("claude-code");
        assertThat(recent.selectFirst("#f-from").val()).isEqualTo(today.minusDays(1).toString());
        assertThat(recent.selectFirst("a.button-quiet").text()).isEqualTo("Clear filters");
    }

    @Test
    void theFilterListsOfferTheViewersOwnToolsAndHosts() {
        Document page = page("alice", "/?tool=opencode");
        assertThat(page.select("#f-tool option")).extracting(Element::val).containsExactly("", "claude-code", "opencode");
        assertThat(page.selectFirst("#f-tool option[selected]").val()).isEqualTo("opencode");
        assertThat(page.select("#f-host option")).extracting(Element::val).containsExactly("", "ci-runner", "laptop", "workstation");
        assertThat(page.select("#f-host option")).extracting(Element::val).doesNotContain("bobs-box");
        assertThat(page.select("label[for]")).extracting(label -> label.attr("for"))
                .allSatisfy(id -> assertThat(page.getElementById(id)).isNotNull());
        assertThat(page.selectFirst("#f-owner")).as("owner selector is for admins").isNull();
    }

    @Test
    void pagesThroughOlderSessions() {
        Document first = page("alice", "/?host=ci-runner");
        assertThat(first.selectFirst(".pager a[rel=next]").attr("href")).isEqualTo("/?host=ci-runner&page=2");
        assertThat(first.selectFirst(".pager a[rel=prev]")).isNull();

        Document second = page("alice", "/?host=ci-runner&page=2");
        assertThat(rows(second)).hasSize(UiFixtures.FILLER_SESSIONS - 50);
        assertThat(second.selectFirst(".pager a[rel=prev]").attr("href")).isEqualTo("/?host=ci-runner");
        assertThat(second.selectFirst(".pager a[rel=next]")).isNull();
        assertThat(second.selectFirst(".page-sub").text()).startsWith("51–55");
    }

    @Test
    void aNewUserIsToldHowToSendTheirFirstTranscript() {
        Document page = page("dave", "/");
        assertThat(rows(page)).isEmpty();
        assertThat(page.selectFirst(".empty-state h2").text()).isEqualTo("No transcripts yet");
        assertThat(page.selectFirst(".empty-state pre code").text())
                .contains("curl", "Content-Type: application/x-ndjson", "Authorization: Bearer",
                        "http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/ingest", "\"session_id\":\"first\"");
    }

    @Test
    void filtersThatMatchNothingSayHowToSeeEverythingAgain() {
        Document page = page("alice", "/?tool=codex");
        assertThat(rows(page)).isEmpty();
        assertThat(page.selectFirst(".empty-state h2").text()).isEqualTo("No sessions match");
        assertThat(page.selectFirst(".empty-state a").attr("href")).isEqualTo("/");
    }

    @Test
    void anAdminMayListAnotherOwnerOrEveryone() {
        Document bobs = page("carol", "/?owner=bob");
        assertThat(rows(bobs)).hasSize(1);
        assertThat(rows(bobs).get(0).selectFirst(".cell-title a").attr("href"))
                .isEqualTo("/sessions/claude-code/bobs-box/" + UiFixtures.BOB_SESSION + "?owner=bob");
        assertThat(bobs.select("#f-owner option")).extracting(Element::val).contains("", "*", "alice", "bob");
        assertThat(bobs.selectFirst("#f-owner option[selected]").val()).isEqualTo("bob");

        Document everyone = page("carol", "/?owner=*&tool=claude-code");
        assertThat(rows(everyone)).extracting(row -> row.selectFirst("td[data-label=Owner]").text())
                .containsOnly("alice", "bob");
    }

    @Test
    void theHeaderSaysWhoIsSignedIn() {
        Document page = page("carol", "/");
        assertThat(page.selectFirst(".viewer").text()).isEqualTo("signed in as carol admin");
        assertThat(page.selectFirst("nav.site-nav a[aria-current=page]").text()).isEqualTo("Sessions");
    }
}
