package lethe.guard;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.RawHttp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DNS-rebinding guard: a request addressed to any host name but loopback's and {@code server_names}
 * is refused with 421 on every path and both ports, before authentication. The JDK client will not send
 * a foreign {@code Host}, so these requests are written by hand on a socket.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostGuardTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("server_names", "lethe.example.com"));

    private static int port() {
        return APP.getLocalPort();
    }

    @Test
    void aForeignHostOnTheApiGetsAMisdirectedRequestProblem() {
        RawHttp.Response response = RawHttp.send(port(),
                "GET /api/v1/sessions HTTP/1.1\r\nHost: rebound.example:" + port() + "\r\nRemote-User: alice", new byte[0]);

        assertThat(response.status()).isEqualTo(421);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("MISDIRECTED_REQUEST");
        assertThat(response.json().get("detail").asText()).contains("rebound.example").contains("server_names");
    }

    @Test
    void anUnknownApiPathIsRefusedByHostBeforeItIsLookedUp() {
        RawHttp.Response response = RawHttp.get(port(), "/api/v9/nothing-here", "rebound.example");

        assertThat(response.status()).isEqualTo(421);
        assertThat(response.json().get("code").asText()).isEqualTo("MISDIRECTED_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/sessions/claude-code/laptop/s1", "/no/such/page"})
    void aForeignHostOnAPageGetsAnHtmlErrorPage(String path) {
        RawHttp.Response response = RawHttp.get(port(), path, "rebound.example");

        assertThat(response.status()).isEqualTo(421);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("<h1>Misdirected request</h1>").contains(">421<").contains("rebound.example");
    }

    @Test
    void theGuardAnswersBeforeAuthentication() {
        RawHttp.Response response = RawHttp.get(port(), "/api/v1/sessions", "rebound.example");

        assertThat(response.status()).isEqualTo(421);
    }

    @Test
    void aWriteToAForeignHostStoresNothing() {
        byte[] body = (Turns.line("rebound", "t1", 0, "user", 1700000000, "planted") + "\n").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port(), "POST /api/v1/ingest HTTP/1.1\r\nHost: rebound.example:" + port()
                + "\r\nRemote-User: alice\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + body.length, body);

        assertThat(response.status()).isEqualTo(421);
        assertThat(Http.to(port()).as("alice").get("/api/v1/sessions").json().get("sessions")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:1", "localhost", "LocalHost:8080", "localhost.", "[::1]", "[::1]:9",
            "::1", "lethe.example.com", "LETHE.example.com:443"})
    void loopbackNamesAndServerNamesPassWhateverThePort(String host) {
        RawHttp.Response response = RawHttp.send(port(),
                "GET /api/v1/sessions HTTP/1.1\r\nHost: " + host + "\r\nRemote-User: alice", new byte[0]);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.2", "127.0.0.1.rebound.example", "localhost.rebound.example", "lethe.example.com.evil",
            "example.com", "0.0.0.0", "[::2]"})
    void lookalikesAreRefused(String host) {
        RawHttp.Response response = RawHttp.get(port(), "/api/v1/sessions", host);

        assertThat(response.status()).as(response.toString()).isEqualTo(421);
    }

    /** Jetty's parser turns these away itself, before any filter: they never reach lethe at all. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:notaport", "[::1]x"})
    void malformedHostHeadersAreRejectedByTheServer(String host) {
        RawHttp.Response response = RawHttp.get(port(), "/api/v1/sessions", host);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
    }

    /** No browser sends a request without Host; the address the connection arrived on stands in for it. */
    @Test
    void anHttp10RequestWithoutHostIsJudgedByTheAddressItArrivedOn() {
        RawHttp.Response response = RawHttp.send(port(), "GET /api/v1/sessions HTTP/1.0\r\nRemote-User: alice", new byte[0]);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void theAdminPortIsGuardedToo() {
        int admin = APP.getAdminPort();

        assertThat(RawHttp.get(admin, "/ping", "rebound.example").status()).isEqualTo(421);
        assertThat(RawHttp.get(admin, "/ping", "127.0.0.1:" + admin).status()).isEqualTo(200);
    }

    @Test
    void refusalsAreCounted() {
        long before = APP.getEnvironment().metrics().counter(RequestGuards.HOST_REFUSED).getCount();

        RawHttp.get(port(), "/api/v1/sessions", "rebound.example");

        assertThat(APP.getEnvironment().metrics().counter(RequestGuards.HOST_REFUSED).getCount()).isEqualTo(before + 1);
    }
}
