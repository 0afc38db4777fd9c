package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.DatabaseProbe;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingest is idempotent per turn, durable once answered, and safe under concurrent collectors. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IngestStorageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    private static List<String> thousandLines(String prefix) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String session = prefix + "-" + (i % 7);
            lines.add(Turns.line(session, "turn-" + i, i / 7, i % 3 == 0 ? "user" : "assistant", 1700000000 + i, "content " + i));
        }
        return lines;
    }

    @Test
    void theSameThousandLinesSentTwiceAndShuffledLeaveIdenticalSessions() {
        List<String> lines = thousandLines("idem");
        Http alice = as("alice");
        assertThat(alice.ingest(String.join("\n", lines)).json().get("accepted").asLong()).isEqualTo(1000);
        JsonNode before = alice.get("/api/v1/sessions?limit=500").json().get("sessions");
        List<JsonNode> detailsBefore = details(alice, before);

        List<String> shuffled = new ArrayList<>(lines);
        Collections.shuffle(shuffled, new Random(42));
        assertThat(alice.ingest(String.join("\n", lines)).json().get("accepted").asLong()).isEqualTo(1000);
        assertThat(alice.ingest(String.join("\n", shuffled)).json().get("accepted").asLong()).isEqualTo(1000);

        JsonNode after = alice.get("/api/v1/sessions?limit=500").json().get("sessions");
        assertThat(after).hasSize(7);
        for (int i = 0; i < after.size(); i++) {
            assertThat(withoutUpdatedAt(after.get(i))).isEqualTo(withoutUpdatedAt(before.get(i)));
        }
        assertThat(details(alice, after).stream().map(d -> d.get("turns")).toList())
                .isEqualTo(detailsBefore.stream().map(d -> d.get("turns")).toList());
        long total = 0;
        for (JsonNode session : after) {
            total += session.get("turn_count").asLong();
        }
        assertThat(total).isEqualTo(1000);
    }

    @Test
    void aResentTurnReplacesTheStoredOneAndDerivedColumnsFollow() {
        Http bob = as("bob");
        bob.ingest(Turns.line("replace", "t1", 0, "user", 1700000000, "first draft") + "\n"
                + Turns.line("replace", "t2", 1, "assistant", 1700000100, "reply") + "\n");

        bob.ingest(Turns.line("replace", "t1", 0, "user", 1700000500, "final text") + "\n");

        JsonNode session = bob.get("/api/v1/sessions/claude-code/laptop/replace").json();
        assertThat(session.get("turn_count").asLong()).isEqualTo(2);
        assertThat(session.get("title").asText()).isEqualTo("final text");
        assertThat(session.get("started_at").asDouble()).isEqualTo(1700000100);
        assertThat(session.get("last_activity_at").asDouble()).isEqualTo(1700000500);
    }

    @Test
    void derivedColumnsAlwaysEqualARecountOfTheStoredTurns() throws Exception {
        Random random = new Random(7);
        Http bob = as("bob");
        for (int request = 0; request < 30; request++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                String line = Turns.line("mixed-" + random.nextInt(4), "t" + random.nextInt(60), random.nextInt(60),
                        random.nextBoolean() ? "user" : "assistant", 1700000000 + random.nextInt(100_000),
                        "text " + random.nextInt(5));
                if (random.nextInt(3) > 0) {
                    line = line.substring(0, line.length() - 1) + ",\"usage\":{\"input_tokens\":" + random.nextInt(1000)
                            + (random.nextBoolean() ? ",\"output_tokens\":" + random.nextInt(50) : "") + "}}";
                }
                body.append(line).append('\n');
            }
            assertThat(bob.ingest(body.toString()).status()).isEqualTo(200);
        }

        String stored = "SELECT turn_count, started_at, last_activity_at, input_tokens, output_tokens, first_user_text "
                + "FROM sessions WHERE owner = 'bob' AND session_id LIKE 'mixed-%' ORDER BY id";
        String recounted = "SELECT count(*), min(t.timestamp), max(t.timestamp), "
                // PostgreSQL's sum of bigints is a numeric; the stored totals are bigints.
                + "CAST(sum(t.input_tokens) AS bigint), CAST(sum(t.output_tokens) AS bigint), "
                + "(SELECT substr(content, 1, 400) FROM turns WHERE session_pk = s.id AND role = 'user' "
                + "ORDER BY seq, timestamp, turn_id LIMIT 1) "
                + "FROM sessions s JOIN turns t ON t.session_pk = s.id "
                + "WHERE s.owner = 'bob' AND s.session_id LIKE 'mixed-%' GROUP BY s.id ORDER BY s.id";
        try (DatabaseProbe fresh = DatabaseProbe.open(APP)) {
            List<List<Object>> expected = fresh.rows(recounted);
            assertThat(expected).hasSize(4);
            assertThat(fresh.rows(stored)).isEqualTo(expected);
        }
    }

    @Test
    void anAnsweredRequestIsInTheDatabaseFileForAFreshConnection() throws Exception {
        Http.Response response = as("carol").ingest(String.join("\n", thousandLines("durable")));
        assertThat(response.status()).isEqualTo(200);

        try (DatabaseProbe fresh = DatabaseProbe.open(APP)) {
            assertThat(fresh.number("SELECT count(*) FROM turns JOIN sessions ON sessions.id = turns.session_pk "
                    + "WHERE sessions.owner = 'carol' AND sessions.session_id LIKE 'durable-%'")).isEqualTo(1000);
        }
    }

    @Test
    void eightConcurrentCollectorsIntoSharedAndOwnSessionsSeeNoErrorAndExactCounts() throws Exception {
        int threads = 8;
        int requestsPerThread = 10;
        int linesPerRequest = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int r = 0; r < requestsPerThread; r++) {
                    StringBuilder body = new StringBuilder();
                    for (int l = 0; l < linesPerRequest; l++) {
                        int n = r * linesPerRequest + l;
                        String session = l % 2 == 0 ? "shared" : "own-" + thread;
                        body.append(Turns.line(session, "w" + thread + "-" + n, n, "user", 1700000000 + n, "x")).append('\n');
                    }
                    Http.Response response = as("dave").ingest(body.toString());
                    statuses.add(response.status());
                    assertThat(response.json().get("accepted").asLong()).isEqualTo(linesPerRequest);
                }
                return statuses;
            }));
        }
        for (Future<List<Integer>> result : results) {
            assertThat(result.get()).containsOnly(200);
        }
        pool.shutdown();

        Http dave = as("dave");
        assertThat(dave.get("/api/v1/sessions/claude-code/laptop/shared").json().get("turn_count").asLong())
                .isEqualTo(threads * requestsPerThread * linesPerRequest / 2);
        for (int t = 0; t < threads; t++) {
            assertThat(dave.get("/api/v1/sessions/claude-code/laptop/own-" + t).json().get("turn_count").asLong())
                    .isEqualTo(requestsPerThread * linesPerRequest / 2);
        }
    }

    private static List<JsonNode> details(Http http, JsonNode sessions) {
        List<JsonNode> details = new ArrayList<>();
        for (JsonNode session : sessions) {
            details.add(http.get("/api/v1/sessions/claude-code/laptop/" + session.get("session_id").asText()).json());
        }
        return details;
    }

    private static JsonNode withoutUpdatedAt(JsonNode session) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = session.deepCopy();
        copy.remove("updated_at");
        return copy;
    }
}
