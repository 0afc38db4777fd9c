package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.ClaudeTranscripts;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class TranscriptPageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));
    static final double START = 1_767_268_800; // 2026-01-01T12:00:00Z
    static final String TODO = ClaudeTranscripts.sessionId(ClaudeTranscripts.TODO_APP);

    static final String MARKDOWN = """
            Here is the plan:

            | step | file |
            |------|------|
            | 1    | `Cart.java` |

            ```java
            int total = items.stream().mapToInt(Item::price).sum();
            ```

            See [the docs](https://example.com/docs) and <b>this</b>.
            """;

    @BeforeAll
    static void seed() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        Http.Response todo = alice.ingest(ClaudeTranscripts.ndjson(ClaudeTranscripts.TODO_APP, "laptop", START));
        assertThat(todo.status()).as(todo.toString()).isEqualTo(200);
        String session = String.join("\n",
                Turns.line("md", "t0", 0, "user", START, "# Heading\nrender *this*"),
                Turns.line("md", "t1", 1, "assistant", START + 5, MARKDOWN),
                Turns.line("md", "t2", 2, "tool", START + 6, "x\n".repeat(400)),
                Turns.line("md", "t3", 3, "system", START + 90_000, "next day"),
                Turns.line("md", "t4", 3, "assistant", START + 90_001, "same seq again")) + "\n";
        assertThat(alice.ingest(session).status()).isEqualTo(200);
    }

    private static Document page(String user, String path) {
        Http.Response response = Http.to(APP.getLocalPort()).as(user).get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Html.parse(response);
    }

    @Test
    void showsEveryTurnInOrderWithAStableAnchorAndItsRole() {
        Document page = page("alice", "/sessions/claude-code/laptop/md");
        assertThat(page.select("article.turn")).extracting(Element::id)
                .containsExactly("turn-1", "turn-2", "turn-3", "turn-4", "turn-5");
        assertThat(page.select("article.turn")).extracting(Element::className).containsExactly(
                "turn turn-user", "turn turn-assistant", "turn turn-tool", "turn turn-system", "turn turn-assistant");
        assertThat(page.select("article.turn h2.turn-role")).extracting(Element::text)
                .containsExactly("User", "Assistant", "Tool · output", "System", "Assistant");
        Element link = page.selectFirst("#turn-2 a.turn-link");
        assertThat(link.attr("href")).isEqualTo("#turn-2");
        assertThat(link.selectFirst(".turn-seq").text()).as("labelled by position, not seq").isEqualTo("#2");
        assertThat(link.selectFirst("time").text()).isEqualTo("12:00:05");
        assertThat(link.selectFirst("time").attr("title")).isEqualTo("2026-01-01 12:00:05 UTC+00:00");
        assertThat(page.select(".day-divider")).extracting(Element::text)
                .containsExactly("Thursday 1 January 2026", "Friday 2 January 2026");
    }

    @Test
    void rendersMarkdownWithTablesCodeAndSafeLinks() {
        Document page = page("alice", "/sessions/claude-code/laptop/md");
        Element body = page.selectFirst("#turn-2 .md");
        assertThat(body.select("table td")).extracting(Element::text).containsExactly("1", "Cart.java");
        assertThat(body.selectFirst("figure.code figcaption").text()).isEqualTo("java");
        assertThat(body.selectFirst("figure.code pre code.language-java").text()).startsWith("int total");
        assertThat(body.selectFirst("a").attr("href")).isEqualTo("https://example.com/docs");
        assertThat(body.selectFirst("a").attr("rel")).isEqualTo("nofollow noopener noreferrer");
        assertThat(body.select("b")).as("raw HTML is text").isEmpty();
        assertThat(body.text()).contains("<b>this</b>");
        assertThat(page.selectFirst("#turn-1 .md h3").text()).as("headings sit below the turn's h2").isEqualTo("Heading");
    }

    @Test
    void foldsLongOutputWithoutCuttingIt() {
        Document page = page("alice", "/sessions/claude-code/laptop/md");
        Element fold = page.selectFirst("#turn-3 details.fold");
        assertThat(fold.hasAttr("open")).isFalse();
        assertThat(fold.selectFirst("summary").text()).isEqualTo("x · 400 lines · 800 B");
        assertThat(fold.selectFirst("pre.output").wholeText()).isEqualTo("x\n".repeat(400));
        assertThat(page.selectFirst("#turn-2 details")).as("ordinary turns stay open").isNull();
    }

    @Test
    void aRealClaudeSessionShowsToolCallsAndOutputAndItsMeta() {
        Document page = page("alice", "/sessions/claude-code/laptop/" + TODO);
        assertThat(page.select("article.turn")).as("437 turns, each of the 167 outputs shown under its call").hasSize(270);
        assertThat(page.select("article.turn .out, article.turn .out-ok, article.turn figure.code[id]")).hasSize(167);
        assertThat(page.selectFirst("h1.session-title").text()).startsWith(UiFixtures.TODO_TITLE_START);
        Element call = page.select("article.turn-assistant:has(.turn-detail)").first();
        assertThat(call.selectFirst(".turn-detail").text()).startsWith("· calls ");
        assertThat(page.select("article.turn-assistant .shell pre.command")).extracting(Element::text)
                .allMatch(command -> command.startsWith("$ ")).isNotEmpty();
        assertThat(page.select("article.turn-assistant .turn-detail")).extracting(Element::text).contains("· calls Bash");
        assertThat(page.select("details.fold summary")).extracting(Element::text)
                .as("a folded call is labelled by what it does, not by its opening brace")
                .noneMatch(summary -> summary.startsWith("{"));

        Element side = page.selectFirst("aside.session-side");
        assertThat(side.select(".facts dt")).extracting(Element::text)
                .contains("Tool", "Host", "Session id", "Started", "Duration", "Turns", "Source file", "Working directory");
        assertThat(side.text()).contains("~/.claude/projects/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl",
                "/path/to/Demo", "claude-sonnet-4-20250514", "Cache read");
        assertThat(side.select(".prompt-list a")).hasSizeGreaterThan(3)
                .allSatisfy(a -> assertThat(page.selectFirst(a.attr("href"))).isNotNull());
    }

    @Test
    void anotherUsersSessionIsA404PageLikeAMissingOne() {
        Http.Response guessed = Http.to(APP.getLocalPort()).as("bob").get("/sessions/claude-code/laptop/" + TODO);
        Http.Response missing = Http.to(APP.getLocalPort()).as("bob").get("/sessions/claude-code/laptop/no-such-session");
        for (Http.Response response : new Http.Response[] {guessed, missing}) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("text/html");
            assertThat(Html.parse(response).selectFirst("h1").text()).isEqualTo("Not found");
        }
        assertThat(guessed.body()).isEqualTo(missing.body());
    }

    @Test
    void anAdminReadsAnotherOwnersSessionByNamingThem() {
        Document page = page("carol", "/sessions/claude-code/laptop/md?owner=alice");
        assertThat(page.select("article.turn")).hasSize(5);
        assertThat(page.selectFirst("aside .facts").text()).contains("Owner alice");
        assertThat(page.selectFirst(".crumbs a").attr("href")).isEqualTo("/?owner=alice");

        Http.Response notAdmin = Http.to(APP.getLocalPort()).as("bob").get("/sessions/claude-code/laptop/md?owner=alice");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(Html.parse(notAdmin).selectFirst(".error-detail").text()).contains("Only admins");
    }
}
