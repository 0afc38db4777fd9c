package lethe.api.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.DeletedSession;
import lethe.api.IngestResult;
import lethe.api.client.StubServer.Answer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LetheClientTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonCodec CODEC = JSON::readValue;
    static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));
    static final String OK = "{\"accepted\":2,\"errors\":[]}";
    static final List<String> TWO_LINES = List.of("{\"a\":1}", "{\"b\":2}");

    @Test
    void sendsGzippedNdjsonWithABearerTokenAndReadsTheResult() throws IOException {
        try (StubServer server = new StubServer(Answer.json(200,
                "{\"accepted\":1,\"errors\":[{\"line\":2,\"error\":\"missing required field seq\"}],\"extra\":true}"))) {
            LetheClient client = LetheClient.builder(server.uri(), CODEC)
                    .credentials(Credentials.bearer(TokenSource.fixed("lethe_secret")))
                    .build();

            IngestResult result = client.ingest(TWO_LINES);

            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.errors()).containsExactly(new IngestResult.LineError(2, "missing required field seq"));
            StubServer.Received request = server.received().get(0);
            assertThat(request.body()).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
            assertThat(request.header("Content-encoding")).isEqualTo("gzip");
            assertThat(request.header("Content-type")).isEqualTo("application/x-ndjson");
            assertThat(request.header("Authorization")).isEqualTo("Bearer lethe_secret");
        }
    }

    @Test
    void asksTheTokenSourceBeforeEveryAttemptSoARefreshedTokenIsUsed() throws IOException {
        try (StubServer server = new StubServer(Answer.problem(503, "DB_UNAVAILABLE", "busy"), Answer.json(200, OK))) {
            int[] issued = {0};
            LetheClient client = LetheClient.builder(server.uri(), CODEC)
                    .credentials(Credentials.bearer(() -> "token-" + (++issued[0])))
                    .retries(QUICK)
                    .build();

            client.ingest(TWO_LINES);

            assertThat(server.received()).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer token-1", "Bearer token-2");
        }
    }

    @Test
    void canSignInThroughAForwardAuthHeaderWithoutGzip() throws IOException {
        try (StubServer server = new StubServer(Answer.json(200, OK))) {
            LetheClient client = LetheClient.builder(server.uri(), CODEC)
                    .credentials(Credentials.forwardedUser("Remote-User", "alice"))
                    .gzip(false)
                    .build();

            client.ingest(TWO_LINES);

            StubServer.Received request = server.received().get(0);
            assertThat(request.header("Remote-user")).isEqualTo("alice");
            assertThat(request.header("Content-encoding")).isNull();
            assertThat(request.body()).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
        }
    }

    @Test
    void listsTheCallersDeletedSessionsWithTheSameCredentialsRetryingABusyServer() throws IOException {
        try (StubServer server = new StubServer(Answer.problem(503, "DB_UNAVAILABLE", "busy"), Answer.json(200,
                "{\"sessions\":[{\"tool\":\"codex\",\"host\":\"laptop\",\"session_id\":\"s-1\",\"deleted_at\":1700000000.5}]}"))) {
            LetheClient client = LetheClient.builder(URI.create(server.uri() + "/"), CODEC)
                    .credentials(Credentials.bearer(TokenSource.fixed("lethe_secret")))
                    .retries(QUICK)
                    .build();

            List<DeletedSession> deleted = client.deletedSessions();

            assertThat(deleted).containsExactly(new DeletedSession("codex", "laptop", "s-1", 1700000000.5));
            assertThat(server.received()).hasSize(2).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.path()).isEqualTo("/api/v1/deleted-sessions");
                assertThat(request.header("Authorization")).isEqualTo("Bearer lethe_secret");
            });
        }
    }

    @Test
    void aServerWithoutTheListOfDeletedSessionsAnswersWithA404ThatIsNotRetried() throws IOException {
        try (StubServer server = new StubServer(Answer.problem(404, "NOT_FOUND", "HTTP 404 Not Found"))) {
            LetheClient client = LetheClient.builder(server.uri(), CODEC).retries(QUICK).build();

            assertThatThrownBy(client::deletedSessions)
                    .isInstanceOfSatisfying(LetheClientException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void retriesA503TwiceThenSucceeds() throws IOException {
        try (StubServer server = new StubServer(
                Answer.problem(503, "DB_UNAVAILABLE", "Database unavailable"),
                Answer.problem(503, "DB_UNAVAILABLE", "Database unavailable"),
                Answer.json(200, OK))) {
            List<Integer> retried = new ArrayList<>();
            LetheClient client = LetheClient.builder(server.uri(), CODEC)
                    .retries(QUICK)
                    .onRetry((failure, attempt, delay) -> retried.add(failure.status()))
                    .build();

            IngestResult result = client.ingest(TWO_LINES);

            assertThat(result.accepted()).isEqualTo(2);
            assertThat(server.received()).hasSize(3);
            assertThat(retried).containsExactly(503, 503);
            assertThat(server.received()).extracting(StubServer.Received::body).containsOnly("{\"a\":1}\n{\"b\":2}\n");
        }
    }

    @Test
    void aBadRequestProblemIsThrownAtOnceAndNeverRetried() throws IOException {
        try (StubServer server = new StubServer(Answer.problem(400, "INVALID", "The body is not valid gzip"))) {
            LetheClient client = LetheClient.builder(server.uri(), CODEC).retries(QUICK).build();

            assertThatThrownBy(() -> client.ingest(TWO_LINES))
                    .isInstanceOfSatisfying(LetheClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).contains("INVALID");
                        assertThat(e.detail()).isEqualTo("The body is not valid gzip");
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.getMessage()).isEqualTo("lethe answered 400 INVALID: The body is not valid gzip");
                    });
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void anUnauthorizedAnswerIsNotRetriedEither() throws IOException {
        try (StubServer server = new StubServer(Answer.problem(401, "UNAUTHORIZED", "Sign in first"))) {
            LetheClient client = LetheClient.builder(server.uri(), CODEC).retries(QUICK).build();

            assertThatThrownBy(() -> client.ingest(TWO_LINES))
                    .isInstanceOfSatisfying(LetheClientException.class, e -> assertThat(e.code()).contains("UNAUTHORIZED"));
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheServerAskedFor() throws IOException {
        try (StubServer server = new StubServer(
                Answer.problem(429, "RATE_LIMITED", "slow down").withHeader("Retry-After", "1"),
                Answer.json(200, OK))) {
            List<Duration> delays = new ArrayList<>();
            LetheClient client = LetheClient.builder(server.uri(), CODEC)
                    .retries(QUICK)
                    .onRetry((failure, attempt, delay) -> {
                        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
                        delays.add(delay);
                    })
                    .build();

            client.ingest(TWO_LINES);

            assertThat(server.received()).hasSize(2);
            assertThat(delays).containsExactly(Duration.ofSeconds(1));
        }
    }

    @Test
    void givesUpOnAServerErrorAfterTheLastAttemptWithWhatTheServerSaid() throws IOException {
        try (StubServer server = new StubServer(new Answer(502, "text/html", "<html><h1>Bad gateway</h1></html>", java.util.Map.of()))) {
            LetheClient client = LetheClient.builder(server.uri(), CODEC).retries(QUICK).build();

            assertThatThrownBy(() -> client.ingest(TWO_LINES))
                    .isInstanceOfSatisfying(LetheClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.problem()).isEmpty();
                        assertThat(e.detail()).contains("Bad gateway");
                        assertThat(e.attempts()).isEqualTo(4);
                    });
            assertThat(server.received()).hasSize(4);
        }
    }

    @Test
    void retriesWhenNothingAnswersAndThenReportsTheNetworkError() throws IOException {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        List<Integer> attempts = new ArrayList<>();
        LetheClient client = LetheClient.builder(nobody, CODEC)
                .retries(QUICK)
                .onRetry((failure, attempt, delay) -> attempts.add(attempt))
                .build();

        assertThatThrownBy(() -> client.ingest(TWO_LINES))
                .isInstanceOfSatisfying(LetheClientException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).startsWith("no answer from " + nobody + "/api/v1/ingest");
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                });
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(LetheClient.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(LetheClient.retryAfter("soon")).isNull();
        String inAMinute = ZonedDateTime.now().plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(LetheClient.retryAfter(inAMinute).toSeconds()).isCloseTo(60, within(2L));
    }

    @Test
    void backoffDoublesWithinHalfToAllOfEachStepAndHonoursRetryAfterUpToTenMinutes() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 50; i++) {
            assertThat(policy.delayAfter(1, null).toMillis()).isBetween(50L, 100L);
            assertThat(policy.delayAfter(3, null).toMillis()).isBetween(200L, 400L);
            assertThat(policy.delayAfter(9, null).toMillis()).isBetween(500L, 1000L);
        }
        assertThat(policy.delayAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(1, Duration.ofDays(2))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesAServerUrlThatIsNotHttp() {
        assertThatThrownBy(() -> LetheClient.builder(URI.create("ftp://example.com"), CODEC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
    }
}
