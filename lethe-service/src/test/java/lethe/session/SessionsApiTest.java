package lethe.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3: listing and reading sessions, with filters, paging and the derived session columns. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionsApiTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final double DAY = 86400;
    static final double T0 = 1_700_000_000;

    static Http dave() {
        return Http.to(APP.getLocalPort()).as("dave");
    }

    @BeforeAll
    static void sevenSessionsOverSevenDays() {
        StringBuilder body = new StringBuilder();
        for (int day = 0; day < 7; day++) {
            String tool = day % 2 == 0 ? "claude-code" : "codex";
            String host = day < 4 ? "laptop" : "desk";
            body.append(Turns.line(tool, host, "d" + day, "u", 0, "user", T0 + day * DAY, "question on day " + day)).append('\n');
            body.append(Turns.line(tool, host, "d" + day, "a", 1, "assistant", T0 + day * DAY + 60, "answer")).append('\n');
        }
        assertThat(dave().ingest(body.toString()).json().get("accepted").asLong()).isEqualTo(14);
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("sessions").spliterator(), false)
                .map(session -> session.get("session_id").asText()).toList();
    }

    @Test
    void newestActivityComesFirst() {
        assertThat(ids(dave().get("/api/v1/sessions").json())).containsExactly("d6", "d5", "d4", "d3", "d2", "d1", "d0");
    }

    @Test
    void aSessionCarriesItsDerivedColumns() {
        JsonNode session = dave().get("/api/v1/sessions?tool=codex&host=laptop&limit=1").json().get("sessions").get(0);

        assertThat(session.get("session_id").asText()).isEqualTo("d3");
        assertThat(session.get("owner").asText()).isEqualTo("dave");
        assertThat(session.get("started_at").asDouble()).isEqualTo(T0 + 3 * DAY);
        assertThat(session.get("last_activity_at").asDouble()).isEqualTo(T0 + 3 * DAY + 60);
        assertThat(session.get("turn_count").asLong()).isEqualTo(2);
        assertThat(session.get("title").asText()).isEqualTo("question on day 3");
        assertThat(session.get("created_at").asDouble()).isPositive();
        assertThat(session.get("updated_at").asDouble()).isGreaterThanOrEqualTo(session.get("created_at").asDouble());
    }

    @Test
    void toolAndHostFilterTheList() {
        assertThat(ids(dave().get("/api/v1/sessions?tool=codex").json())).containsExactly("d5", "d3", "d1");
        assertThat(ids(dave().get("/api/v1/sessions?host=desk").json())).containsExactly("d6", "d5", "d4");
        assertThat(ids(dave().get("/api/v1/sessions?tool=claude-code&host=laptop").json())).containsExactly("d2", "d0");
    }

    @Test
    void filtersCombineAndPageTogether() {
        String laptopCodex = "/api/v1/sessions?tool=codex&host=laptop";

        assertThat(ids(dave().get(laptopCodex + "&since=" + (long) (T0 + 2 * DAY)).json())).containsExactly("d3");
        assertThat(ids(dave().get(laptopCodex + "&until=" + (long) (T0 + 2 * DAY)).json())).containsExactly("d1");
        assertThat(ids(dave().get(laptopCodex + "&limit=1&offset=1").json())).containsExactly("d1");
        assertThat(ids(dave().get(laptopCodex + "&subagents=exclude&since=" + (long) T0 + "&until=" + (long) (T0 + 7 * DAY))
                .json())).containsExactly("d3", "d1");
        assertThat(ids(dave().get("/api/v1/sessions?tool=codex&host=nowhere").json())).isEmpty();
    }

    @ParameterizedTest(name = "since={0} until={1}")
    @CsvSource({
            "1700172800, 1700345000",
            "2023-11-16T22:13:20Z, 2023-11-18T22:03:20Z",
            "2023-11-17T00:13:20+02:00, 2023-11-19T00:03:20+02:00",
            "1700172800.0, 1700345000.5"})
    void sinceAndUntilAcceptUnixSecondsAndRfc3339(String since, String until) {
        JsonNode page = dave().get("/api/v1/sessions?since=" + since.replace("+", "%2B") + "&until=" + until.replace("+", "%2B")).json();

        assertThat(ids(page)).containsExactly("d3", "d2");
    }

    @Test
    void limitAndOffsetPageThroughTheList() {
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 7; offset += 3) {
            JsonNode page = dave().get("/api/v1/sessions?limit=3&offset=" + offset).json();
            assertThat(page.get("limit").asInt()).isEqualTo(3);
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            seen.addAll(ids(page));
        }
        assertThat(seen).containsExactly("d6", "d5", "d4", "d3", "d2", "d1", "d0");
    }

    @Test
    void theLimitIsClampedAndTheClampedValueEchoed() {
        assertThat(dave().get("/api/v1/sessions?limit=100000").json().get("limit").asInt()).isEqualTo(500);
        assertThat(dave().get("/api/v1/sessions?limit=0").json().get("limit").asInt()).isEqualTo(1);
        assertThat(dave().get("/api/v1/sessions?limit=-4").json().get("limit").asInt()).isEqualTo(1);
        assertThat(dave().get("/api/v1/sessions").json().get("limit").asInt()).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource({"limit=ten", "offset=-1", "offset=1.5", "since=yesterday", "until=2024-13-45T00:00:00Z",
            "tool=a%20b", "limit=99999999999999999999"})
    void aMalformedParameterIs400Invalid(String query) {
        Http.Response response = dave().get("/api/v1/sessions?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID");
    }

    @Test
    void equalActivityIsOrderedDeterministically() {
        Http erin = Http.to(APP.getLocalPort()).as("alice");
        StringBuilder body = new StringBuilder();
        for (String id : List.of("tie-b", "tie-a", "tie-c")) {
            body.append(Turns.line(id, "t", 0, "user", T0, "same time")).append('\n');
        }
        erin.ingest(body.toString());

        List<String> first = ids(erin.get("/api/v1/sessions").json());
        assertThat(first).containsExactlyInAnyOrder("tie-a", "tie-b", "tie-c");
        assertThat(ids(erin.get("/api/v1/sessions?limit=2").json())).isEqualTo(first.subList(0, 2));
        assertThat(ids(erin.get("/api/v1/sessions?limit=2&offset=2").json())).isEqualTo(first.subList(2, 3));
    }

    @Test
    void turnsAreReadBySeqThenTimestampThenTurnId() {
        Http bob = Http.to(APP.getLocalPort()).as("bob");
        bob.ingest(String.join("\n",
                Turns.line("order", "t4", 2, "assistant", T0 + 1, "fourth"),
                Turns.line("order", "t1", 0, "user", T0 + 9, "first"),
                Turns.line("order", "t3b", 1, "tool", T0 + 5, "third"),
                Turns.line("order", "t3a", 1, "tool", T0 + 5, "second-b"),
                Turns.line("order", "t2", 1, "tool", T0 + 2, "second")) + "\n");

        JsonNode session = bob.get("/api/v1/sessions/claude-code/laptop/order").json();

        assertThat(StreamSupport.stream(session.get("turns").spliterator(), false).map(t -> t.get("turn_id").asText()))
                .containsExactly("t1", "t2", "t3a", "t3b", "t4");
        assertThat(session.get("started_at").asDouble()).isEqualTo(T0 + 1);
        assertThat(session.get("last_activity_at").asDouble()).isEqualTo(T0 + 9);
        assertThat(session.get("title").asText()).isEqualTo("first");
    }

    @Test
    void aTurnsTextComesBackExactlyWhateverCharactersItHolds() {
        Http carol = Http.to(APP.getLocalPort()).as("carol");
        List<String> texts = List.of(
                "quotes \" and \\ backslashes, tab\t, newline\n, bell \u0007, escape \u001b[31m",
                "</script><script>alert(1)</script> & <b>",
                "line separators \u2028 \u2029, BOM \ufeff, replacement \ufffd",
                "日本語のテキスト、한국어, 中文, emoji 🚀🧪 and a flag 🇫🇷",
                "",
                "x".repeat(100_000) + "é");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            body.append(Turns.line("characters", "c" + i, i, "user", T0 + i, texts.get(i))).append('\n');
        }
        carol.ingest(body.toString());

        JsonNode turns = carol.get("/api/v1/sessions/claude-code/laptop/characters").json().get("turns");

        assertThat(StreamSupport.stream(turns.spliterator(), false).map(turn -> turn.get("content").asText()))
                .containsExactlyElementsOf(texts);
        assertThat(turns.get(0).get("turn_id").asText()).isEqualTo("c0");
        assertThat(turns.get(0).get("timestamp").asDouble()).isEqualTo(T0);
    }

    @Test
    void sessionMetaMergesWithLaterKeysWinning() {
        Http bob = Http.to(APP.getLocalPort()).as("bob");
        String first = Turns.line("meta", "m1", 0, "user", T0, "hi").replace("}", ",\"session_meta\":{\"cwd\":\"/a\",\"branch\":\"main\"}}");
        String second = Turns.line("meta", "m2", 1, "assistant", T0, "yo").replace("}", ",\"session_meta\":{\"cwd\":\"/b\",\"title\":\"Named\"}}");
        bob.ingest(first + "\n");
        bob.ingest(second + "\n");

        JsonNode session = bob.get("/api/v1/sessions/claude-code/laptop/meta").json();

        assertThat(session.get("meta").get("cwd").asText()).isEqualTo("/b");
        assertThat(session.get("meta").get("branch").asText()).isEqualTo("main");
        assertThat(session.get("title").asText()).isEqualTo("Named");
    }

    @Test
    void usageIsSummedOverTheSessionsTurns() {
        Http bob = Http.to(APP.getLocalPort()).as("bob");
        bob.ingest(Turns.line("tokens", "k1", 0, "assistant", T0, "a").replace("}", ",\"model\":\"m1\",\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}") + "\n"
                + Turns.line("tokens", "k2", 1, "assistant", T0, "b").replace("}", ",\"usage\":{\"input_tokens\":7,\"cache_read_tokens\":100}}") + "\n");

        JsonNode session = bob.get("/api/v1/sessions/claude-code/laptop/tokens").json();

        assertThat(session.get("usage").get("input_tokens").asLong()).isEqualTo(17);
        assertThat(session.get("usage").get("output_tokens").asLong()).isEqualTo(5);
        assertThat(session.get("usage").get("cache_read_tokens").asLong()).isEqualTo(100);
        assertThat(session.get("usage").has("cache_write_tokens")).isFalse();
        assertThat(session.get("turns").get(0).get("model").asText()).isEqualTo("m1");
    }

    @Test
    void anUnknownSessionIs404Problem() {
        Http.Response response = dave().get("/api/v1/sessions/claude-code/laptop/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }
}
