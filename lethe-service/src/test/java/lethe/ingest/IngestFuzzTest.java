package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed bodies, seeded so a failure reproduces: lethe answers every one without a 5xx
 * and within seconds, stores the good lines of a body it accepts, stores nothing of a body it refuses,
 * and is healthy afterwards. The limits are lowered so that the over-limit cases stay cheap to send.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IngestFuzzTest {

    private static final int BODIES = 2_000;
    private static final long SEED = 20_260_101L;

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("ingest.max_line_bytes", Integer.toString(FuzzBodies.MAX_LINE_BYTES)),
            ConfigOverride.config("ingest.max_body_bytes", Integer.toString(FuzzBodies.MAX_BODY_BYTES)),
            ConfigOverride.config("ingest.max_lines", Integer.toString(FuzzBodies.MAX_LINES)));

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void malformedBodiesNeverCauseA5xxNorHangAndGoodLinesOfAcceptedBodiesAreStored() throws Exception {
        FuzzBodies bodies = new FuzzBodies(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> mustBeStored = new HashSet<>();
        Set<String> mustNotBeStored = new HashSet<>();
        for (int i = 0; i < BODIES; i++) {
            FuzzBodies.Body body = bodies.next();
            HttpResponse<String> response = send(i, body);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String context = "body " + i + " (" + body.description() + ") -> " + response.statusCode() + " " + abbreviated(response.body());
            assertThat(response.statusCode()).as(context).isIn(200, 400, 413, 415);
            if (response.statusCode() == 200) {
                JsonNode result = Http.JSON.readTree(response.body());
                assertThat(result.get("accepted").asInt()).as(context).isGreaterThanOrEqualTo(body.goodTurnIds().size());
                mustBeStored.addAll(body.goodTurnIds());
            } else {
                assertThat(response.headers().firstValue("Content-Type")).as(context).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                mustNotBeStored.addAll(body.goodTurnIds());
            }
        }

        Set<String> stored = storedTurnIds(Http.to(APP.getLocalPort()).as("alice"));
        assertThat(stored).containsAll(mustBeStored).doesNotContainAnyElementsOf(mustNotBeStored);
        assertThat(statuses).as("every kind of answer was exercised").containsKeys(200, 400, 413, 415);
        assertThat(mustBeStored).hasSizeGreaterThan(BODIES);
        assertStillHealthy();
    }

    private static HttpResponse<String> send(int index, FuzzBodies.Body body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/ingest"))
                .timeout(Duration.ofSeconds(20))
                .header("Remote-User", "alice")
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.contentEncoding() != null) {
            request.header("Content-Encoding", body.contentEncoding());
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("body " + index + " (" + body.description() + ", " + body.bytes().length + " bytes) got no answer", e);
        }
    }

    private static Set<String> storedTurnIds(Http alice) {
        List<String> sessions = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = alice.get("/api/v1/sessions?limit=500&offset=" + offset).json().get("sessions");
            page.forEach(session -> sessions.add(session.get("tool").asText() + "/" + session.get("host").asText()
                    + "/" + session.get("session_id").asText()));
            if (page.size() < 500) {
                break;
            }
        }
        Set<String> ids = new HashSet<>();
        for (String session : sessions) {
            Http.Response response = alice.get("/api/v1/sessions/" + session);
            assertThat(response.status()).as(session).isEqualTo(200);
            response.json().get("turns").forEach(turn -> ids.add(turn.get("turn_id").asText()));
        }
        return ids;
    }

    private static void assertStillHealthy() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        Http.Response ingest = alice.ingest(Turns.line("after-fuzz", "t1", 0, "user", 1.7e9, "still fine") + "\n");
        assertThat(ingest.status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/sessions/claude-code/laptop/after-fuzz").status()).isEqualTo(200);
        assertThat(Http.to(APP.getAdminPort()).get("/healthcheck").status()).isEqualTo(200);
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
