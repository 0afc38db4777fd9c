package lethe.db.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.testing.Http;
import lethe.testing.LetheProcess;
import lethe.testing.TestPostgres;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several lethe processes (the shipped jar) on one PostgreSQL database, as behind a load balancer:
 * they start together on an empty database, collectors spread their requests over them while writing
 * the same sessions, and one of them is killed with SIGKILL in the middle of it all.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class PostgresReplicasIT {

    private static final int LINES_PER_REQUEST = 100;
    private static final List<String> SESSIONS = List.of("shared-a", "shared-b");

    @TempDir
    Path dir;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** One permit per acknowledged request, so the test can wait for progress without polling. */
    private final Semaphore acknowledgedRequests = new Semaphore(0);

    @Test
    void twoReplicasStartedTogetherKeepExactTotalsForTheSameSessionsAndEachFindsWhatTheOtherStored() throws Exception {
        String database = TestPostgres.shared().freshDatabase();
        List<LetheProcess> replicas = startTogether(database, 2);
        try {
            ExecutorService collectors = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String collector = "c" + c;
                done.add(collectors.submit(() -> {
                    for (int request = 0; request < 6; request++) {
                        // Every collector alternates between the replicas, and re-sends its previous request
                        // through the other one: idempotent across replicas, not only within one.
                        Http replica = replicas.get(Math.floorMod(request + collector.hashCode(), 2)).app().as("alice");
                        assertThat(send(replica, collector, request).status()).isEqualTo(200);
                        if (request > 0) {
                            Http other = replicas.get(Math.floorMod(request + collector.hashCode() + 1, 2)).app().as("alice");
                            assertThat(send(other, collector, request - 1).status()).isEqualTo(200);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> collector : done) {
                collector.get(3, TimeUnit.MINUTES);
            }
            collectors.shutdown();

            assertThat(acknowledged).hasSize(4 * 6 * LINES_PER_REQUEST);
            for (LetheProcess replica : replicas) {
                long turns = 0;
                for (String session : SESSIONS) {
                    JsonNode stored = session(replica.app(), session);
                    assertThat(stored.get("turn_count").asLong()).isEqualTo(stored.get("turns").size());
                    assertThat(stored.get("usage").get("input_tokens").asLong()).isEqualTo(3L * stored.get("turns").size());
                    turns += stored.get("turn_count").asLong();
                }
                assertThat(turns).isEqualTo(acknowledged.size());
            }

            // A word only one request carried, stored through one replica, found through the other.
            Http.Response first = replicas.get(0).app().as("alice")
                    .ingest(Turns.line("shared-a", "needle", 99_999, "user", 1.8e9, "the fjordlantern sentence") + "\n");
            assertThat(first.status()).isEqualTo(200);
            JsonNode hits = replicas.get(1).app().as("alice").get("/api/v1/search?group=turn&q=fjordlantern").json().get("hits");
            assertThat(hits).hasSize(1);
            assertThat(hits.get(0).get("turn_id").asText()).isEqualTo("needle");
            assertThat(hits.get(0).get("snippet").asText()).contains("«fjordlantern»");
        } finally {
            replicas.forEach(LetheProcess::close);
        }
    }

    @Test
    void aReplicaKilledMidIngestLosesNoAcknowledgedLineWhileTheOtherKeepsServing() throws Exception {
        String database = TestPostgres.shared().freshDatabase();
        List<LetheProcess> replicas = startTogether(database, 2);
        LetheProcess doomed = replicas.get(0);
        LetheProcess survivor = replicas.get(1);
        try {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService collectors = Executors.newFixedThreadPool(4);
            List<Future<Integer>> refused = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String collector = "k" + c;
                LetheProcess target = replicas.get(c % 2);
                refused.add(collectors.submit(() -> collectUntil(stop, target.app().as("alice"), collector)));
            }
            assertThat(acknowledgedRequests.tryAcquire(8, 60, TimeUnit.SECONDS)).as("8 requests acknowledged").isTrue();
            doomed.kill();
            acknowledgedRequests.drainPermits();
            assertThat(acknowledgedRequests.tryAcquire(4, 60, TimeUnit.SECONDS))
                    .as("the survivor goes on acknowledging after the kill").isTrue();
            stop.set(true);
            int cutShort = 0;
            for (Future<Integer> collector : refused) {
                cutShort += collector.get(60, TimeUnit.SECONDS);
            }
            collectors.shutdown();
            assertThat(cutShort).as("requests refused or cut short by the kill").isPositive();

            Set<String> stored = new HashSet<>();
            for (String session : SESSIONS) {
                JsonNode body = session(survivor.app(), session);
                body.get("turns").forEach(turn -> stored.add(turn.get("turn_id").asText()));
                assertThat(body.get("turn_count").asLong()).isEqualTo(body.get("turns").size());
            }
            assertThat(stored).containsAll(acknowledged);
        } finally {
            replicas.forEach(LetheProcess::close);
        }
    }

    /** Both processes start at the same moment on the empty database: only one may run the migrations. */
    private List<LetheProcess> startTogether(String database, int count) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(count);
        List<Future<LetheProcess>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path home = Files.createDirectories(dir.resolve("replica-" + i));
            started.add(starting.submit(() -> LetheProcess.start(home, database, TestPostgres.USER)));
        }
        List<LetheProcess> replicas = new ArrayList<>();
        try {
            for (Future<LetheProcess> replica : started) {
                replicas.add(replica.get(4, TimeUnit.MINUTES));
            }
        } catch (Exception | AssertionError e) {
            // Whichever replica did start must not outlive the test (each start ends by its own deadline).
            for (Future<LetheProcess> replica : started) {
                try {
                    replica.get(4, TimeUnit.MINUTES).close();
                } catch (ExecutionException | TimeoutException failedToo) {
                    e.addSuppressed(failedToo);
                }
            }
            throw e;
        } finally {
            starting.shutdown();
        }
        return replicas;
    }

    /** Sends until told to stop; counts the requests the server failed to acknowledge (1 once it is gone). */
    private int collectUntil(AtomicBoolean stop, Http http, String collector) {
        for (int request = 0; !stop.get(); request++) {
            try {
                if (send(http, collector, request).status() != 200) {
                    return 1;
                }
            } catch (UncheckedIOException killed) {
                return 1;
            }
        }
        return 0;
    }

    /** One request of {@link #LINES_PER_REQUEST} turns into one of the shared sessions; its turns count as acknowledged on 200. */
    private Http.Response send(Http http, String collector, int request) {
        String session = SESSIONS.get(request % SESSIONS.size());
        List<String> turnIds = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int line = 0; line < LINES_PER_REQUEST; line++) {
            String turnId = collector + "-q" + request + "-l" + line;
            turnIds.add(turnId);
            String turn = Turns.line(session, turnId, request * LINES_PER_REQUEST + line, line % 2 == 0 ? "user" : "assistant",
                    1.7e9 + request + line / 1000.0, "turn " + turnId + " of collector " + collector);
            body.append(turn, 0, turn.length() - 1).append(",\"usage\":{\"input_tokens\":3}}\n");
        }
        Http.Response response = http.ingest(body.toString());
        if (response.status() == 200) {
            assertThat(response.json().get("accepted").asInt()).isEqualTo(LINES_PER_REQUEST);
            acknowledged.addAll(turnIds);
            acknowledgedRequests.release();
        }
        return response;
    }

    private static JsonNode session(Http http, String session) {
        Http.Response response = http.as("alice").get("/api/v1/sessions/claude-code/laptop/" + session);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
