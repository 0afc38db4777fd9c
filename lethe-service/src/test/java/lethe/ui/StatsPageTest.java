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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stats page over fixed days: alice works on two days with two tools, two hosts and two models;
 * bob's activity must never show up in hers.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsPageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "Europe/Berlin"));
    /** 2026-03-02 10:00 in Berlin (UTC+1). */
    static final double MONDAY = 1_772_442_000;
    static final double HOUR = 3600;

    @BeforeAll
    static void seed() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        ingest(alice,
                turn("claude-code", "laptop", "a", "1", 0, "user", MONDAY, null, null),
                turn("claude-code", "laptop", "a", "2", 1, "assistant", MONDAY + 10, "sonnet", "{\"input_tokens\":100,\"output_tokens\":50}"),
                turn("claude-code", "laptop", "a", "3", 2, "assistant", MONDAY + 20, "sonnet", "{\"input_tokens\":10,\"output_tokens\":5,\"cache_read_tokens\":1000}"),
                turn("opencode", "desk", "b", "1", 0, "user", MONDAY + HOUR, null, null),
                turn("opencode", "desk", "b", "2", 1, "assistant", MONDAY + HOUR + 5, "gpt", null),
                // 23:30 in Berlin on Tuesday is already Wednesday in UTC: it must count for Tuesday.
                turn("claude-code", "desk", "c", "1", 0, "user", MONDAY + 37.5 * HOUR, null, null));
        ingest(Http.to(APP.getLocalPort()).as("bob"),
                turn("codex", "bobs-box", "z", "1", 0, "user", MONDAY, null, null));
    }

    private static String turn(String tool, String host, String session, String id, int seq, String role,
                               double at, String model, String usage) {
        return "{\"tool\":\"" + tool + "\",\"host\":\"" + host + "\",\"session_id\":\"" + session + "\",\"turn_id\":\"" + id
                + "\",\"seq\":" + seq + ",\"role\":\"" + role + "\",\"timestamp\":" + at + ",\"content\":\"x\""
                + (model == null ? "" : ",\"model\":\"" + model + "\"") + (usage == null ? "" : ",\"usage\":" + usage) + "}";
    }

    private static void ingest(Http user, String... lines) {
        Http.Response response = user.ingest(String.join("\n", lines) + "\n");
        assertThat(response.json().get("accepted").asInt()).as(response.body()).isEqualTo(lines.length);
    }

    private static Document page(String user, String query) {
        Http.Response response = Http.to(APP.getLocalPort()).as(user).get("/stats" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Html.parse(response);
    }

    private static String cell(Element chart, String day, int column) {
        return chart.select("table.data-table tbody tr").stream()
                .filter(row -> row.selectFirst("th").text().equals(day)).findFirst().orElseThrow()
                .select("td").get(column).text();
    }

    @Test
    void countsSessionsAndTurnsPerLocalDaySplitByTool() {
        Document page = page("alice", "?from=2026-03-01&to=2026-03-04");
        Element sessions = page.getElementById("chart-sessions");
        Element turns = page.getElementById("chart-turns");

        assertThat(sessions.select("thead th")).extracting(Element::text).containsExactly("Day", "claude-code", "opencode", "Total");
        assertThat(sessions.select("tbody tr")).hasSize(4);
        assertThat(cell(sessions, "2026-03-02", 0)).isEqualTo("1");
        assertThat(cell(sessions, "2026-03-02", 1)).isEqualTo("1");
        assertThat(cell(sessions, "2026-03-03", 0)).isEqualTo("1");
        assertThat(cell(sessions, "2026-03-04", 2)).isEqualTo("0");
        assertThat(cell(turns, "2026-03-02", 2)).isEqualTo("5");
        assertThat(page.select(".headline strong")).extracting(Element::text).containsExactly("3", "6", "$0.00", "2");
    }

    @Test
    void drawsEachChartAsLabelledSvgWithItsNumbersBeside() {
        Document page = page("alice", "?from=2026-03-01&to=2026-03-04");
        Element svg = page.selectFirst("#chart-turns svg");
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.selectFirst("title").text()).isEqualTo("Turns per day by tool");
        assertThat(svg.selectFirst("desc").text()).contains("6 turns in all");
        assertThat(svg.select("text.axis-label")).extracting(Element::text).containsExactly("Day", "Turns");
        assertThat(svg.select("rect title")).extracting(Element::text)
                .contains("Mon 2 Mar 2026 · claude-code: 3 turns", "Mon 2 Mar 2026 · opencode: 2 turns");
        assertThat(svg.select("rect")).allSatisfy(rect -> assertThat(rect.className()).matches("s\\d|s-other"));
        assertThat(page.selectFirst("#chart-turns .legend").text()).contains("claude-code", "opencode");
        assertThat(page.getElementById("chart-tokens").select("thead th")).extracting(Element::text)
                .containsExactly("Day", "input", "output", "cache write", "cache read", "Total");
        assertThat(cell(page.getElementById("chart-tokens"), "2026-03-02", 4)).isEqualTo("1\u202f165");
    }

    @Test
    void splitsByHostOrByTheModelThatAnsweredMost() {
        Document byHost = page("alice", "?from=2026-03-01&to=2026-03-04&split=host");
        assertThat(byHost.select("#chart-sessions thead th")).extracting(Element::text).containsExactly("Day", "desk", "laptop", "Total");

        Document byModel = page("alice", "?from=2026-03-01&to=2026-03-04&split=model");
        Element turns = byModel.getElementById("chart-turns");
        assertThat(turns.select("thead th")).extracting(Element::text)
                .containsExactly("Day", "sonnet", "gpt", "no model named", "Total");
        assertThat(cell(turns, "2026-03-02", 0)).as("the user's turn counts under the model that answered").isEqualTo("3");
        assertThat(byModel.select("section:has(#models-h) tbody th")).as("models of turns that reported usage")
                .extracting(Element::text).containsExactly("sonnet");
        assertThat(byModel.selectFirst("section:has(#models-h) td.not-priced").text()).isEqualTo("not priced (2 turns)");
    }

    @Test
    void anAdminPicksWhoseActivityToSee() {
        Document bobs = page("carol", "?from=2026-03-01&to=2026-03-04&owner=bob");
        assertThat(bobs.select(".headline strong").first().text()).isEqualTo("1");
        assertThat(bobs.select("#chart-sessions thead th")).extracting(Element::text).containsExactly("Day", "codex", "Total");
        Document everyone = page("carol", "?from=2026-03-01&to=2026-03-04&owner=*");
        assertThat(everyone.select(".headline strong").first().text()).isEqualTo("4");

        Http.Response notAdmin = Http.to(APP.getLocalPort()).as("alice").get("/stats?owner=bob");
        assertThat(notAdmin.status()).isEqualTo(403);
    }

    @Test
    void anotherUsersActivityNeverShows() {
        Document bobs = page("bob", "?from=2026-03-01&to=2026-03-04");
        assertThat(bobs.select(".headline strong")).extracting(Element::text).containsExactly("1", "1", "$0.00", "1");
        assertThat(bobs.text()).doesNotContain("claude-code", "opencode", "laptop");
        assertThat(bobs.getElementById("chart-tokens")).as("no tokens reported, no token chart").isNull();
    }

    @Test
    void aBadRangeIsExplained() {
        Http.Response reversed = Http.to(APP.getLocalPort()).as("alice").get("/stats?from=2026-03-05&to=2026-03-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(Html.parse(reversed).selectFirst(".error-detail").text()).isEqualTo("from must not be after to.");
        Http.Response notADate = Http.to(APP.getLocalPort()).as("alice").get("/stats?from=yesterday");
        assertThat(Html.parse(notADate).selectFirst(".error-detail").text()).isEqualTo("from must be a date such as 2026-01-31.");
        Http.Response badSplit = Http.to(APP.getLocalPort()).as("alice").get("/stats?split=owner");
        assertThat(badSplit.status()).isEqualTo(400);
    }
}
