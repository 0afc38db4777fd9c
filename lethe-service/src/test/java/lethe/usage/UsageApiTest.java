package lethe.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * SPEC §14: {@code GET /api/v1/usage} over turns stored through ingest. Each test files its turns under a
 * tool of its own and reads them back with {@code tool=}, so the tests share one application.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UsageApiTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final double DOLLARS = 1e-9;

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    /** An assistant turn with a model and usage; {@code model} null leaves it out. */
    static String turn(String tool, String session, String turnId, String time, String model,
                       long input, long output, long cacheRead, long cacheWrite) {
        String line = Turns.line(tool, "laptop", session, turnId, 0, "assistant",
                Instant.parse(time).getEpochSecond(), "answer " + turnId);
        String extra = String.format(Locale.ROOT,
                ",\"usage\":{\"input_tokens\":%d,\"output_tokens\":%d,\"cache_read_tokens\":%d,\"cache_write_tokens\":%d}%s,\"session_meta\":{\"cwd\":\"/src/%s\"}}",
                input, output, cacheRead, cacheWrite, model == null ? "" : ",\"model\":" + Turns.quote(model), session);
        return line.substring(0, line.length() - 1) + extra;
    }

    static void ingest(String user, String... lines) {
        JsonNode answer = as(user).ingest(String.join("\n", lines) + "\n").json();
        assertThat(answer.get("errors")).isEmpty();
    }

    static JsonNode usage(String user, String query) {
        Http.Response response = as(user).get("/api/v1/usage?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static List<JsonNode> rows(JsonNode report) {
        return StreamSupport.stream(report.get("rows").spliterator(), false).toList();
    }

    @Test
    void aSessionThatSwitchedModelsCountsEachModelWhereItBelongs() {
        ingest("alice",
                turn("t-mix", "s1", "a", "2025-12-01T10:00:00Z", "claude-sonnet-4-5", 1_000, 500, 30_000, 2_000),
                turn("t-mix", "s1", "b", "2025-12-01T10:05:00Z", "claude-opus-4-7", 2_000, 100, 0, 0),
                turn("t-mix", "s1", "c", "2025-12-01T10:06:00Z", "claude-sonnet-4-5", 0, 0, 10_000, 0));

        JsonNode report = usage("alice", "tool=t-mix&group_by=model&tz=UTC");

        assertThat(rows(report)).hasSize(2);
        JsonNode opus = rows(report).get(0);
        assertThat(opus.get("model").asText()).isEqualTo("claude-opus-4-7");
        assertThat(opus.get("turns").asLong()).isEqualTo(1);
        assertThat(opus.get("input_tokens").asLong()).isEqualTo(2_000);
        assertThat(opus.get("output_tokens").asLong()).isEqualTo(100);
        // 2 000 × $5/M + 100 × $25/M
        assertThat(opus.get("cost_usd").asDouble()).isCloseTo(0.0125, within(DOLLARS));
        JsonNode sonnet = rows(report).get(1);
        assertThat(sonnet.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sonnet.get("turns").asLong()).isEqualTo(2);
        assertThat(sonnet.get("cache_read_tokens").asLong()).isEqualTo(40_000);
        assertThat(sonnet.get("cache_write_tokens").asLong()).isEqualTo(2_000);
        // $0.027 for the first response, 10 000 × $0.30/M for the second
        assertThat(sonnet.get("cost_usd").asDouble()).isCloseTo(0.030, within(DOLLARS));
        assertThat(sonnet.get("unpriced_turns").asLong()).isZero();
        assertThat(report.get("totals").get("cost_usd").asDouble()).isCloseTo(0.0425, within(DOLLARS));
        assertThat(report.get("totals").get("turns").asLong()).isEqualTo(3);
    }

    @Test
    void theSessionCarriesItsCost() {
        ingest("alice",
                turn("t-cost", "s2", "a", "2025-11-03T10:00:00Z", "claude-sonnet-4-5", 1_000, 500, 30_000, 2_000),
                turn("t-cost", "s2", "b", "2025-11-03T10:05:00Z", "claude-opus-4-7", 2_000, 100, 0, 0));

        JsonNode session = as("alice").get("/api/v1/sessions?tool=t-cost").json().get("sessions").get(0);

        assertThat(session.get("cost_usd").asDouble()).isCloseTo(0.0395, within(DOLLARS));
        assertThat(as("alice").get("/api/v1/sessions/t-cost/laptop/s2").json().get("cost_usd").asDouble())
                .isCloseTo(0.0395, within(DOLLARS));
    }

    @Test
    void eachSessionOfAListPageCarriesItsOwnCost() {
        ingest("alice",
                turn("t-page", "cheap", "a", "2025-11-03T10:00:00Z", "claude-opus-4-7", 2_000, 100, 0, 0),
                turn("t-page", "dear", "a", "2025-11-03T11:00:00Z", "claude-sonnet-4-5", 1_000, 500, 30_000, 2_000),
                turn("t-page", "dear", "b", "2025-11-03T11:05:00Z", "claude-opus-4-7", 2_000, 100, 0, 0),
                turn("t-page", "unpriced", "a", "2025-11-03T12:00:00Z", "no-such-model-9", 1_000, 10, 0, 0),
                Turns.line("t-page", "laptop", "silent", "a", 0, "user", Instant.parse("2025-11-03T13:00:00Z").getEpochSecond(),
                        "no usage at all"));

        JsonNode sessions = as("alice").get("/api/v1/sessions?tool=t-page").json().get("sessions");

        assertThat(sessions.findValuesAsText("session_id")).containsExactly("silent", "unpriced", "dear", "cheap");
        assertThat(sessions.get(3).get("cost_usd").asDouble()).isCloseTo(0.0125, within(DOLLARS));
        assertThat(sessions.get(2).get("cost_usd").asDouble()).isCloseTo(0.0395, within(DOLLARS));
        assertThat(sessions.get(1).path("cost_usd").isNumber()).as("unpriced").isFalse();
        assertThat(sessions.get(0).path("cost_usd").isNumber()).as("no usage").isFalse();
    }

    @Test
    void reSentTurnsAreNeverCountedTwice() {
        String first = turn("t-resend", "s3", "a", "2025-10-01T10:00:00Z", "claude-sonnet-4-5", 1_000, 500, 0, 0);
        String second = turn("t-resend", "s3", "b", "2025-10-01T10:01:00Z", "claude-sonnet-4-5", 2_000, 100, 0, 0);
        ingest("alice", first, second);
        ingest("alice", first, second);
        ingest("alice", second);

        JsonNode totals = usage("alice", "tool=t-resend&group_by=day&tz=UTC").get("totals");
        assertThat(totals.get("turns").asLong()).isEqualTo(2);
        assertThat(totals.get("input_tokens").asLong()).isEqualTo(3_000);
        assertThat(totals.get("output_tokens").asLong()).isEqualTo(600);
    }

    @Test
    void aReSentTurnWithOtherFiguresReplacesItsOldOnesEverywhere() {
        ingest("alice", turn("t-replace", "s4", "a", "2025-09-01T10:00:00Z", "claude-sonnet-4-5", 1_000, 10, 0, 0));
        // the final count of a streamed response, moved to the next day and another model
        ingest("alice", turn("t-replace", "s4", "a", "2025-09-02T10:00:00Z", "claude-opus-4-7", 1_000, 900, 0, 0));

        List<JsonNode> rows = rows(usage("alice", "tool=t-replace&group_by=day,model&tz=UTC"));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("day").asText()).isEqualTo("2025-09-02");
        assertThat(rows.get(0).get("model").asText()).isEqualTo("claude-opus-4-7");
        assertThat(rows.get(0).get("output_tokens").asLong()).isEqualTo(900);
        assertThat(rows.get(0).get("turns").asLong()).isEqualTo(1);
    }

    @Test
    void aTurnSentTwiceInOneRequestCountsOnceWithItsLastFigures() {
        ingest("alice",
                turn("t-twice", "s4b", "a", "2025-09-01T10:00:00Z", "claude-sonnet-4-5", 1_000, 10, 0, 0),
                turn("t-twice", "s4b", "b", "2025-09-01T10:01:00Z", "claude-sonnet-4-5", 2_000, 20, 0, 0),
                turn("t-twice", "s4b", "a", "2025-09-02T10:00:00Z", "claude-opus-4-7", 1_000, 900, 0, 0));

        List<JsonNode> rows = rows(usage("alice", "tool=t-twice&group_by=day,model&tz=UTC"));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("day").asText()).isEqualTo("2025-09-01");
        assertThat(rows.get(0).get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(rows.get(0).get("turns").asLong()).isEqualTo(1);
        assertThat(rows.get(0).get("input_tokens").asLong()).isEqualTo(2_000);
        assertThat(rows.get(1).get("day").asText()).isEqualTo("2025-09-02");
        assertThat(rows.get(1).get("model").asText()).isEqualTo("claude-opus-4-7");
        assertThat(rows.get(1).get("turns").asLong()).isEqualTo(1);
        assertThat(rows.get(1).get("output_tokens").asLong()).isEqualTo(900);
    }

    @ParameterizedTest(name = "in {0}: {1} then {2}")
    @CsvSource({
            "UTC, 2025-08-01, 2025-08-02",
            "Europe/Berlin, 2025-08-02, 2025-08-02",
            "America/New_York, 2025-08-01, 2025-08-01",
            "Asia/Kolkata, 2025-08-02, 2025-08-02",
            "Pacific/Chatham, 2025-08-02, 2025-08-02"})
    void daysFallInTheAskedZone(String zone, String dayOfFirst, String dayOfSecond) {
        ingest("bob",
                turn("t-tz", "s5", "a", "2025-08-01T23:30:00Z", "claude-sonnet-4-5", 100, 0, 0, 0),
                turn("t-tz", "s5", "b", "2025-08-02T00:10:00Z", "claude-sonnet-4-5", 10, 0, 0, 0));

        List<JsonNode> rows = rows(usage("bob", "tool=t-tz&group_by=day&tz=" + zone));

        if (dayOfFirst.equals(dayOfSecond)) {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("day").asText()).isEqualTo(dayOfFirst);
            assertThat(rows.get(0).get("input_tokens").asLong()).isEqualTo(110);
        } else {
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("day").asText()).isEqualTo(dayOfFirst);
            assertThat(rows.get(0).get("input_tokens").asLong()).isEqualTo(100);
            assertThat(rows.get(1).get("day").asText()).isEqualTo(dayOfSecond);
            assertThat(rows.get(1).get("input_tokens").asLong()).isEqualTo(10);
        }
    }

    @Test
    void aDateRangeIsWholeDaysInTheZone() {
        ingest("bob",
                turn("t-range", "s6", "a", "2025-07-01T22:30:00Z", "claude-sonnet-4-5", 1, 0, 0, 0),
                turn("t-range", "s6", "b", "2025-07-02T22:30:00Z", "claude-sonnet-4-5", 20, 0, 0, 0),
                turn("t-range", "s6", "c", "2025-07-03T22:30:00Z", "claude-sonnet-4-5", 300, 0, 0, 0));

        // In Berlin (UTC+2 in summer) those turns fall on 2 July, 3 July and 4 July.
        JsonNode report = usage("bob", "tool=t-range&group_by=month&tz=Europe/Berlin&since=2025-07-03&until=2025-07-04");

        assertThat(rows(report)).hasSize(1);
        assertThat(rows(report).get(0).get("month").asText()).isEqualTo("2025-07");
        assertThat(rows(report).get(0).get("input_tokens").asLong()).isEqualTo(320);
        assertThat(usage("bob", "tool=t-range&tz=UTC&since=2025-07-02T22:30:00Z").get("totals").get("input_tokens").asLong())
                .isEqualTo(320);
    }

    @Test
    void tiersApplyToEachStoredResponse() {
        ingest("alice",
                turn("t-tier", "s7", "a", "2025-06-01T10:00:00Z", "claude-sonnet-4-5", 150_000, 0, 0, 0),
                turn("t-tier", "s7", "b", "2025-06-01T10:01:00Z", "claude-sonnet-4-5", 150_000, 0, 0, 0),
                turn("t-tier", "s7", "c", "2025-06-01T10:02:00Z", "claude-sonnet-4-5", 300_000, 0, 0, 0));

        // 300 000 × $3/M for the two below the threshold; 200 000 × $3/M + 100 000 × $6/M for the third
        assertThat(usage("alice", "tool=t-tier").get("totals").get("cost_usd").asDouble())
                .isCloseTo(2.10, within(DOLLARS));
    }

    @Test
    void aModelWithoutAPriceMakesTheCostUnknownAndIsCounted() {
        ingest("alice",
                turn("t-unknown", "s8", "a", "2025-05-01T10:00:00Z", "claude-sonnet-4-5", 1_000, 0, 0, 0),
                turn("t-unknown", "s8", "b", "2025-05-01T10:01:00Z", "our-local-llama", 5_000, 100, 0, 0),
                turn("t-unknown", "s8", "c", "2025-05-01T10:02:00Z", null, 7, 0, 0, 0),
                turn("t-unknown", "s8", "d", "2025-05-01T10:03:00Z", "<synthetic>", 0, 0, 0, 0));

        JsonNode report = usage("alice", "tool=t-unknown&group_by=model");

        JsonNode totals = report.get("totals");
        assertThat(totals.get("cost_usd").isNull()).isTrue();
        assertThat(totals.get("unpriced_turns").asLong()).isEqualTo(2);
        assertThat(totals.get("turns").asLong()).isEqualTo(4);
        List<JsonNode> rows = rows(report);
        assertThat(rows.get(0).get("model").isNull()).isTrue();
        assertThat(rows.get(0).get("cost_usd").isNull()).isTrue();
        assertThat(rows.get(1).get("model").asText()).isEqualTo("<synthetic>");
        assertThat(rows.get(1).get("cost_usd").asDouble()).isZero();
        assertThat(rows.get(2).get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(rows.get(2).get("cost_usd").asDouble()).isCloseTo(0.003, within(DOLLARS));
        assertThat(rows.get(3).get("model").asText()).isEqualTo("our-local-llama");
        assertThat(rows.get(3).get("cost_usd").isNull()).isTrue();
        assertThat(rows.get(3).get("unpriced_turns").asLong()).isEqualTo(1);
        assertThat(as("alice").get("/api/v1/sessions?tool=t-unknown").json().get("sessions").get(0).has("cost_usd"))
                .isFalse();
    }

    @Test
    void groupsByProjectAndSessionNameThemInFull() {
        ingest("alice",
                turn("t-keys", "s9", "a", "2025-04-01T10:00:00Z", "claude-sonnet-4-5", 1, 0, 0, 0),
                turn("t-keys", "s10", "a", "2025-04-01T10:00:00Z", "claude-sonnet-4-5", 2, 0, 0, 0));

        List<JsonNode> byProject = rows(usage("alice", "tool=t-keys&group_by=project"));
        assertThat(byProject).extracting(r -> r.get("project").asText()).containsExactly("/src/s10", "/src/s9");
        JsonNode onlyOne = usage("alice", "tool=t-keys&project=/src/s9&group_by=session");
        assertThat(rows(onlyOne)).hasSize(1);
        JsonNode session = rows(onlyOne).get(0);
        assertThat(session.get("session").asText()).isEqualTo("s9");
        assertThat(session.get("tool").asText()).isEqualTo("t-keys");
        assertThat(session.get("host").asText()).isEqualTo("laptop");
        assertThat(session.get("owner").asText()).isEqualTo("alice");
        assertThat(session.get("input_tokens").asLong()).isEqualTo(1);
    }

    @Test
    void everyoneSeesOnlyTheirOwnUsageAndAdminsMayAskForOthers() {
        ingest("dave", turn("t-owner", "s11", "a", "2025-03-01T10:00:00Z", "claude-sonnet-4-5", 42, 0, 0, 0));

        assertThat(rows(usage("alice", "tool=t-owner"))).isEmpty();
        assertThat(usage("alice", "tool=t-owner").get("totals").get("turns").asLong()).isZero();
        assertThat(as("alice").get("/api/v1/usage?owner=dave").status()).isEqualTo(403);
        assertThat(usage("carol", "tool=t-owner&owner=dave").get("totals").get("input_tokens").asLong()).isEqualTo(42);
        assertThat(usage("carol", "tool=t-owner&owner=*").get("totals").get("input_tokens").asLong()).isEqualTo(42);
        assertThat(usage("carol", "tool=t-owner").get("totals").get("input_tokens").asLong()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "group_by=week|group_by",
            "group_by=day,day|twice",
            "tz=Mars/Olympus|tz",
            "since=1700000001|quarter hour",
            "since=2025-02-30|calendar date",
            "since=2025-03-02&until=2025-03-01|before until",
            "tool=a/b|tool"})
    void aMalformedParameterIsAProblemNamingIt(String query, String named) {
        Http.Response response = as("alice").get("/api/v1/usage?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID");
        assertThat(response.json().get("detail").asText()).contains(named);
    }
}
