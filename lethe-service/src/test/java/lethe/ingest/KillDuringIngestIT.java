package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.testing.Http;
import lethe.testing.LetheProcess;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise behind {@code accepted}: a line counted in a 200 is durable. Collectors push into the real
 * jar while it is killed with SIGKILL at random moments, round after round on the same file; after every
 * restart each line of each acknowledged request is there, the file passes {@code integrity_check}, and
 * the server serves.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KillDuringIngestIT {

    private static final int ROUNDS = 4;
    private static final int COLLECTORS = 3;
    private static final int LINES_PER_REQUEST = 200;
    private static final List<String> SESSIONS = List.of("crash-a", "crash-b", "crash-c", "crash-d", "crash-e");

    @TempDir
    Path dir;

    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();

    @Test
    void everyLineOfEveryAcknowledgedRequestSurvivesKillNine() throws Exception {
        Random random = new Random(7);
        int cutShort = 0;
        for (int round = 0; round < ROUNDS; round++) {
            LetheProcess lethe = LetheProcess.start(dir);
            assertEveryAcknowledgedLineIsStored(lethe.app());
            ExecutorService collectors = Executors.newFixedThreadPool(COLLECTORS);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int c = 0; c < COLLECTORS; c++) {
                String name = "r" + round + "c" + c;
                outcomes.add(collectors.submit(() -> collectUntilRefused(lethe.app().as("alice"), name)));
            }
            Thread.sleep(400 + random.nextInt(1_600));
            lethe.kill();
            for (Future<Boolean> outcome : outcomes) {
                cutShort += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            collectors.shutdown();
        }

        try (LetheProcess lethe = LetheProcess.start(dir)) {
            assertEveryAcknowledgedLineIsStored(lethe.app());
            assertThat(integrityCheck(lethe.database())).isEqualTo("ok");
            Http.Response after = lethe.app().as("alice").ingest(Turns.line("after-crash", "t1", 0, "user", 1.7e9, "still here") + "\n");
            assertThat(after.status()).isEqualTo(200);
        }
        assertThat(acknowledged.values().stream().mapToInt(Set::size).sum()).isGreaterThan(ROUNDS * LINES_PER_REQUEST);
        assertThat(cutShort).as("requests in flight when the server was killed").isPositive();
    }

    /** Sends requests until the server goes away; true when one was cut short by the kill. */
    private boolean collectUntilRefused(Http http, String collector) {
        for (int request = 0; ; request++) {
            String session = SESSIONS.get(Math.floorMod(collector.hashCode() + request, SESSIONS.size()));
            List<String> turnIds = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (int line = 0; line < LINES_PER_REQUEST; line++) {
                String turnId = collector + "-q" + request + "-l" + line;
                turnIds.add(turnId);
                body.append(Turns.line(session, turnId, request * LINES_PER_REQUEST + line, line % 2 == 0 ? "user" : "assistant",
                        1.7e9 + request + line / 1000.0, "turn " + turnId + " ✅ " + "x".repeat(line * 7))).append('\n');
            }
            Http.Response response;
            try {
                response = http.ingest(body.toString());
            } catch (UncheckedIOException killed) {
                return true;
            }
            if (response.status() != 200) {
                return false;
            }
            assertThat(response.json().get("accepted").asInt()).isEqualTo(LINES_PER_REQUEST);
            acknowledged.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).addAll(turnIds);
        }
    }

    private void assertEveryAcknowledgedLineIsStored(Http http) {
        acknowledged.forEach((session, turnIds) -> {
            Http.Response response = http.as("alice").get("/api/v1/sessions/claude-code/laptop/" + session);
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            Set<String> stored = new HashSet<>();
            body.get("turns").forEach(turn -> stored.add(turn.get("turn_id").asText()));
            assertThat(stored).containsAll(turnIds);
            assertThat(body.get("turn_count").asInt()).isEqualTo(stored.size());
        });
    }

    private static String integrityCheck(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet result = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
            result.next();
            return result.getString(1);
        }
    }
}
