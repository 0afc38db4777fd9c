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

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind forward-auth the browser carries the proxy's session cookie to lethe, so the CSRF guard holds
 * there too. The proxy terminates TLS: its public https origin is lethe's own although lethe hears http.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CsrfGuardBehindProxyTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("server_names", "lethe.example.com"));

    private static final byte[] TURN = (Turns.line("via-proxy", "t1", 0, "user", 1700000000, "hi") + "\n")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignedInBrowserOnAnotherOriginIsForbidden() {
        Http.Response response = Http.to(APP.getLocalPort()).as("alice").header("Origin", "https://evil.example.com")
                .post("/api/v1/ingest", "application/x-ndjson", TURN);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aSignedInBrowserOnAnotherSiteIsForbidden() {
        Http.Response response = Http.to(APP.getLocalPort()).as("alice").header("Sec-Fetch-Site", "cross-site")
                .post("/api/v1/ingest", "application/x-ndjson", TURN);

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void thePublicHttpsOriginOfTheProxyIsLethesOwn() {
        RawHttp.Response response = postThroughProxy("lethe.example.com", "https://lethe.example.com");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    void aPortOtherThanTheOneAddressedIsAnotherOrigin() {
        assertThat(postThroughProxy("lethe.example.com", "https://lethe.example.com:8443").status()).isEqualTo(403);
        assertThat(postThroughProxy("lethe.example.com:8443", "https://lethe.example.com:8443").status()).isEqualTo(200);
    }

    @Test
    void onLoopbackNamesTheSchemeMustMatchToo() {
        int port = APP.getLocalPort();
        assertThat(postThroughProxy("127.0.0.1:" + port, "https://127.0.0.1:" + port).status()).isEqualTo(403);
        assertThat(postThroughProxy("127.0.0.1:" + port, "http://127.0.0.1:" + port).status()).isEqualTo(200);
    }

    /** What Caddy forwards: the browser's own Host and Origin, with the user it authenticated. */
    private static RawHttp.Response postThroughProxy(String host, String origin) {
        return RawHttp.send(APP.getLocalPort(), "POST /api/v1/ingest HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
                + "\r\nRemote-User: alice\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + TURN.length, TURN);
    }
}
