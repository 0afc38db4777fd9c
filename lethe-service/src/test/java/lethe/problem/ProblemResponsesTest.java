package lethe.problem;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3: every error on /api/* is an RFC 7807 problem with a code — Jersey's and Jetty's own included. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProblemResponsesTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "SELECT", "sqlite");
    }

    @Test
    void anUnknownApiPathIsANotFoundProblem() {
        assertProblem(alice().get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        assertProblem(alice().get("/api/v2/sessions"), 404, "NOT_FOUND");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblemWithAllow() {
        Http.Response response = alice().method("DELETE", "/api/v1/sessions");

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.header("Allow")).contains("GET");
        assertProblem(alice().get("/api/v1/ingest"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void anUnacceptableMediaTypeIsAProblem() {
        Http.Response response = alice().header("Accept", "application/xml").get("/api/v1/sessions");

        assertProblem(response, 406, "NOT_ACCEPTABLE");
    }

    @Test
    void aMissingUserIs401WithAProblemBody() {
        assertProblem(Http.to(APP.getLocalPort()).get("/api/v1/sessions"), 401, "UNAUTHORIZED");
    }

    @Test
    void aMalformedUriRejectedByJettyIsStillAProblem() throws Exception {
        String response = raw("GET /api/v1/sessions/%ZZ/x/y HTTP/1.1\r\nHost: 127.0.0.1\r\nRemote-User: alice\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("Content-Type: application/problem+json").contains("\"code\":\"INVALID\"");
    }

    @Test
    void oversizedHeadersRejectedByJettyAreStillAProblem() {
        Http.Response response = alice().header("X-Padding", "a".repeat(20_000)).get("/api/v1/sessions");

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aServerFaultIsA500WithAnErrorIdAndNoInternals() throws Exception {
        Http bob = Http.to(APP.getLocalPort()).as("bob");
        bob.ingest(Turns.line("fault", "t1", 0, "user", 1700000000, "x") + "\n");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + LetheApp.databaseFile(APP));
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE turns RENAME TO turns_hidden");
        }
        try {
            Http.Response response = bob.get("/api/v1/sessions/claude-code/laptop/fault");

            assertProblem(response, 500, "INTERNAL");
            assertThat(response.json().get("error_id").asText()).matches("[0-9a-f-]{36}");
            assertThat(response.json().get("detail").asText()).contains(response.json().get("error_id").asText());
            assertThat(response.body()).doesNotContain("turns", "no such table");
        } finally {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + LetheApp.databaseFile(APP));
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE turns_hidden RENAME TO turns");
            }
        }
    }

    @Test
    void aBrowserPageErrorIsHtmlNotJson() {
        Http.Response response = alice().header("Accept", "text/html").get("/no-such-page");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("<html").doesNotContain("\"code\"");
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
