package lethe.logging;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator's log files say about one request, in JSON and in text, and what they never say. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LogRecordsTest {

    static final Path LOGS = LetheApp.freshDatabaseFile().getParent();
    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start("logging-config.yml",
            ConfigOverride.config("logging.appenders[0].currentLogFilename", LOGS.resolve("lethe.json").toString()),
            ConfigOverride.config("logging.appenders[1].currentLogFilename", LOGS.resolve("lethe.log").toString()),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", LOGS.resolve("requests.json").toString()),
            ConfigOverride.config("server.requestLog.appenders[1].currentLogFilename", LOGS.resolve("requests.log").toString()));

    static final String TOKEN = "tok-SECRET-1f9";
    static final String COOKIE = "cookie-SECRET-77a";
    static final String CONTENT = "transcript-SECRET-c0ffee";

    static String requestId;

    @BeforeAll
    static void ingestWithSecretsAround() {
        Http.Response answer = Http.to(APP.getLocalPort()).as("alice")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Cookie", "lethe_session=" + COOKIE)
                .ingest(Turns.line("logs-1", "t1", 0, "user", 1700000000, CONTENT) + "\n"
                        + "{\"content\":\"" + CONTENT + "\", broken\n");
        assertThat(answer.status()).isEqualTo(200);
        requestId = answer.header("X-Request-Id");
    }

    @Test
    void jsonApplicationRecordsWrittenWhileServingCarryRequestIdAndUser() {
        JsonNode record = awaitJsonLine("lethe.json", line -> "lethe.logging.IngestLog".equals(line.path("logger").asText()));
        assertThat(record.path("mdc").path("request_id").asText()).isEqualTo(requestId);
        assertThat(record.path("mdc").path("user").asText()).isEqualTo("alice");
        assertThat(record.path("message").asText()).isEqualTo("ingest stored 1 lines, rejected 1 (of 2 read)");
    }

    @Test
    void jsonRequestLogCarriesRequestIdAndUser() {
        JsonNode record = awaitJsonLine("requests.json", line -> "/api/v1/ingest".equals(line.path("uri").asText()));
        assertThat(record.path("requestAttributes").path("request_id").asText()).isEqualTo(requestId);
        assertThat(record.path("requestAttributes").path("user").asText()).isEqualTo("alice");
        assertThat(record.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void textLogsCarryBothTooByDefault() {
        assertThat(awaitLine("lethe.log", line -> line.contains("IngestLog")))
                .contains(" " + requestId + " alice lethe.logging.IngestLog: ingest stored 1 lines");
        assertThat(awaitLine("requests.log", line -> line.contains("/api/v1/ingest")))
                .contains(" - alice [").contains("\"POST /api/v1/ingest HTTP/1.1\" 200").endsWith(" " + requestId);
    }

    @Test
    void noTokenCookieOrTranscriptContentIsLogged() {
        awaitLine("requests.log", line -> line.contains(requestId));
        awaitLine("lethe.log", line -> line.contains(requestId));
        for (String file : List.of("lethe.json", "lethe.log", "requests.json", "requests.log")) {
            assertThat(read(file)).as(file).doesNotContain("SECRET");
        }
    }

    /** File appenders write asynchronously: wait (bounded) for the line to reach the file. */
    private static String awaitLine(String file, Predicate<String> wanted) {
        return await("a line in " + file).atMost(Duration.ofSeconds(10))
                .until(() -> read(file).lines().filter(wanted).findFirst(), Optional::isPresent).get();
    }

    private static JsonNode awaitJsonLine(String file, Predicate<JsonNode> wanted) {
        return parse(awaitLine(file, line -> wanted.test(parse(line))));
    }

    private static JsonNode parse(String line) {
        try {
            return Http.JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    private static String read(String file) {
        try {
            Path path = LOGS.resolve(file);
            return Files.exists(path) ? Files.readString(path) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
