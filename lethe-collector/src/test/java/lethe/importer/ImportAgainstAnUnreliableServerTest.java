package lethe.importer;

import lethe.api.client.Credentials;
import lethe.api.client.LetheClient;
import lethe.api.client.LetheClientException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static lethe.importer.ImporterFixtures.EDGE_CASES;
import static lethe.importer.ImporterFixtures.JSON;
import static lethe.importer.ImporterFixtures.QUICK_RETRIES;
import static lethe.importer.ImporterFixtures.copyOfFixtures;
import static lethe.importer.ImporterFixtures.options;
import static lethe.importer.ImporterFixtures.runOnce;
import static lethe.importer.ImporterFixtures.stateFileIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportAgainstAnUnreliableServerTest {

    // The edge-case fixtures make 38 turns, and three summary lines re-send one turn each with its title.

    @Test
    void aServerThatIsUnavailableTwiceIsRetriedAndTheImportCompletes() throws IOException {
        Path root = copyOfFixtures().resolve(EDGE_CASES);
        try (StubLethe server = new StubLethe(
                StubLethe.problem(503, "DB_UNAVAILABLE", "Database unavailable"),
                StubLethe.problem(503, "DB_UNAVAILABLE", "Database unavailable"))) {
            List<Integer> retried = new ArrayList<>();

            ImportReport report = runOnce(options(root, "laptop"), sink(server, retried));

            assertThat(retried).containsExactly(503, 503);
            assertThat(server.bodies()).hasSize(4);
            assertThat(server.bodies().get(0)).isEqualTo(server.bodies().get(2));
            assertThat(report.accepted()).isEqualTo(report.turnsSent()).isEqualTo(38 + 3);
            assertThat(runOnce(options(root, "laptop"), sink(server, retried)).turnsSent()).isZero();
        }
    }

    @Test
    void aRefusalIsReportedAtOnceAndNothingIsMarkedAsSent() throws IOException {
        Path root = copyOfFixtures().resolve(EDGE_CASES);
        try (StubLethe server = new StubLethe(StubLethe.problem(400, "INVALID", "The body is not valid gzip"))) {
            List<Integer> retried = new ArrayList<>();

            assertThatThrownBy(() -> runOnce(options(root, "laptop"), sink(server, retried)))
                    .isInstanceOfSatisfying(LetheClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).contains("INVALID");
                        assertThat(e.detail()).isEqualTo("The body is not valid gzip");
                    });

            assertThat(server.bodies()).hasSize(1);
            assertThat(retried).isEmpty();
            assertThat(Files.exists(stateFileIn(root))).isFalse();
            ImportReport nextRun = runOnce(options(root, "laptop"), sink(server, retried));
            assertThat(nextRun.turnsSent()).as("the next run sends everything").isEqualTo(38 + 3);
        }
    }

    @Test
    void aServerThatStaysDownEndsTheRunAfterItsRetriesWithTheStateUntouched() throws IOException {
        Path root = copyOfFixtures().resolve(EDGE_CASES);
        try (StubLethe server = new StubLethe(
                StubLethe.problem(503, "DB_UNAVAILABLE", "down"), StubLethe.problem(503, "DB_UNAVAILABLE", "down"),
                StubLethe.problem(503, "DB_UNAVAILABLE", "down"), StubLethe.problem(503, "DB_UNAVAILABLE", "down"))) {

            assertThatThrownBy(() -> runOnce(options(root, "laptop"), sink(server, new ArrayList<>())))
                    .isInstanceOfSatisfying(LetheClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.attempts()).isEqualTo(QUICK_RETRIES.maxAttempts());
                    });
            assertThat(server.bodies()).hasSize(QUICK_RETRIES.maxAttempts());
            assertThat(Files.exists(stateFileIn(root))).isFalse();
        }
    }

    private static ServerSink sink(StubLethe server, List<Integer> retried) {
        return new ServerSink(LetheClient.builder(URI.create(server.url()), JSON::readValue)
                .credentials(Credentials.forwardedUser("Remote-User", "alice"))
                .retries(QUICK_RETRIES)
                .onRetry((failure, attempt, delay) -> retried.add(failure.status()))
                .build());
    }
}
