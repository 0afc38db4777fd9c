package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight collectors push 10 000 lines each into the same sessions at once, and re-send some requests,
 * while readers list and read: nobody sees an error (no "database is locked"), and afterwards every
 * session holds exactly the turns that were sent, with counts to match.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConcurrentIngestTest {

    private static final int COLLECTORS = 8;
    private static final int LINES_PER_COLLECTOR = 10_000;
    private static final int LINES_PER_REQUEST = 500;
    private static final int SESSIONS = 12;
    private static final int READERS = 2;

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private final Map<String, AtomicInteger> sentPerSession = new ConcurrentHashMap<>();

    @Test
    void eightCollectorsIntoOverlappingSessionsWhileReadersReadLoseNothingAndSeeNoErrors() throws Exception {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        ExecutorService pool = Executors.newFixedThreadPool(COLLECTORS + READERS);
        AtomicBoolean ingesting = new AtomicBoolean(true);
        List<Future<Integer>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(pool.submit(() -> readUntil(ingesting, alice)));
        }
        List<Future<Long>> collectors = new ArrayList<>();
        for (int c = 0; c < COLLECTORS; c++) {
            int collector = c;
            collectors.add(pool.submit(() -> collect(alice, collector)));
        }
        long accepted = 0;
        for (Future<Long> collector : collectors) {
            accepted += collector.get();
        }
        ingesting.set(false);
        int reads = 0;
        for (Future<Integer> reader : readers) {
            reads += reader.get();
        }
        pool.shutdown();

        long resent = COLLECTORS * (long) LINES_PER_REQUEST;
        assertThat(accepted).isEqualTo(COLLECTORS * (long) LINES_PER_COLLECTOR + resent);
        assertThat(reads).isPositive();
        JsonNode sessions = alice.get("/api/v1/sessions?limit=500").json().get("sessions");
        assertThat(sessions).hasSize(SESSIONS);
        long stored = 0;
        for (JsonNode session : sessions) {
            String id = session.get("session_id").asText();
            JsonNode detail = alice.get("/api/v1/sessions/claude-code/laptop/" + id).json();
            assertThat(detail.get("turns")).hasSize(sentPerSession.get(id).get());
            assertThat(detail.get("turn_count").asInt()).isEqualTo(sentPerSession.get(id).get());
            assertThat(session.get("turn_count").asInt()).isEqualTo(sentPerSession.get(id).get());
            stored += detail.get("turn_count").asLong();
        }
        assertThat(stored).isEqualTo(COLLECTORS * (long) LINES_PER_COLLECTOR);
    }

    /** Sends this collector's lines in requests that each span several sessions, then re-sends its first request. */
    private long collect(Http alice, int collector) {
        long accepted = 0;
        String first = null;
        for (int start = 0; start < LINES_PER_COLLECTOR; start += LINES_PER_REQUEST) {
            StringBuilder body = new StringBuilder();
            for (int n = start; n < start + LINES_PER_REQUEST; n++) {
                String session = "shared-" + Math.floorMod(n / 40 + collector, SESSIONS);
                sentPerSession.computeIfAbsent(session, s -> new AtomicInteger()).incrementAndGet();
                body.append(Turns.line(session, "c" + collector + "-" + n, collector * (long) LINES_PER_COLLECTOR + n,
                        n % 3 == 0 ? "user" : "assistant", 1.7e9 + n, "collector " + collector + " line " + n + " 🚀")).append('\n');
            }
            accepted += send(alice, body.toString());
            if (first == null) {
                first = body.toString();
            }
        }
        return accepted + send(alice, first);
    }

    private static long send(Http alice, String body) {
        Http.Response response = alice.ingest(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("errors")).isEmpty();
        return response.json().get("accepted").asLong();
    }

    /** Lists, then reads the session at the top of the list, at the pace of a person clicking through the UI. */
    private static int readUntil(AtomicBoolean ingesting, Http alice) throws InterruptedException {
        int reads = 0;
        while (ingesting.get()) {
            Http.Response list = alice.get("/api/v1/sessions?limit=20");
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            JsonNode sessions = list.json().get("sessions");
            if (!sessions.isEmpty()) {
                String newest = sessions.get(reads % sessions.size()).get("session_id").asText();
                Http.Response detail = alice.get("/api/v1/sessions/claude-code/laptop/" + newest);
                assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
            }
            reads++;
            Thread.sleep(20);
        }
        return reads;
    }
}
