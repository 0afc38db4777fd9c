package lethe;

import lethe.testing.Http;
import lethe.testing.LetheProcess;
import lethe.testing.PrometheusText;
import lethe.testing.SlowBody;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to the shipped jar while a large ingest is in flight: the request is either stored whole
 * (answered 200) or not at all, new requests are refused meanwhile, and the database is left
 * checkpointed with no write-ahead log to replay.
 */
class GracefulStopIT {

    static final int LINES = 20_000;

    @TempDir
    Path directory;

    @Test
    void anIngestInFlightAtSigtermFinishesWithinTheGracePeriodAndIsStoredWhole() throws Exception {
        try (LetheProcess lethe = LetheProcess.start(directory, "15s")) {
            PrometheusText.Scrape scrape = PrometheusText.parse(lethe.admin().get("/metrics").body());
            assertThat(scrape.value("jvm_memory_heap_used")).isPositive();

            SlowBody body = new SlowBody();
            CompletableFuture<HttpResponse<String>> answer = ingest(lethe, body);
            body.send(lines(0, LINES / 2));
            awaitInFlight(lethe);

            lethe.terminate();
            awaitNewRequestsRefused(lethe);
            body.send(lines(LINES / 2, LINES));
            body.finish();

            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(LINES);
            assertThat(lethe.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(lethe.output()).contains("WAL checkpointed and truncated at shutdown");
            assertCheckpointed(lethe.database());
            assertThat(storedTurns(lethe.database())).isEqualTo(LINES);
        }
    }

    @Test
    void anIngestStillRunningWhenTheGracePeriodEndsIsNotStoredAtAll() throws Exception {
        try (LetheProcess lethe = LetheProcess.start(directory, "1s")) {
            SlowBody body = new SlowBody();
            CompletableFuture<HttpResponse<String>> answer = ingest(lethe, body);
            body.send(lines(0, LINES / 2));
            awaitInFlight(lethe);

            lethe.terminate();
            lethe.awaitExit(Duration.ofSeconds(60));
            body.finish();

            assertThat(answer).failsWithin(Duration.ofSeconds(60))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(IOException.class);
            assertThat(storedTurns(lethe.database())).isZero();
            assertCheckpointed(lethe.database());
        }
    }

    private static CompletableFuture<HttpResponse<String>> ingest(LetheProcess lethe, SlowBody body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lethe.port() + "/api/v1/ingest"))
                .header("Remote-User", "alice")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .timeout(Duration.ofSeconds(90))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String lines(int from, int to) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append(Turns.line("big-" + (i / 1000), "t" + i, i, "user", 1700000000 + i,
                    "line " + i + " of a large ingest, padded to look like a real turn of a transcript")).append('\n');
        }
        return lines.toString();
    }

    /** Jetty's own gauge of requests being handled on the application port reaches 1. */
    private static void awaitInFlight(LetheProcess lethe) {
        await("the ingest reaching the server").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> PrometheusText.parse(lethe.admin().get("/metrics").body())
                        .value("io_dropwizard_jetty_MutableServletContextHandler_active_requests_total") >= 1);
    }

    /** A fresh connection is turned away (refused, or 503 from the draining server) while the ingest still runs. */
    private static void awaitNewRequestsRefused(LetheProcess lethe) {
        await("new requests refused after SIGTERM").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> refusedOrUnavailable(lethe));
    }

    private static boolean refusedOrUnavailable(LetheProcess lethe) throws InterruptedException {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lethe.port() + "/api/v1/sessions"))
                            .header("Remote-User", "alice").timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 503;
        } catch (IOException refused) {
            return true;
        }
    }

    private static void assertCheckpointed(Path database) throws IOException {
        Path wal = Path.of(database + "-wal");
        assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL empty or gone").isTrue();
    }

    static long storedTurns(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM turns")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
