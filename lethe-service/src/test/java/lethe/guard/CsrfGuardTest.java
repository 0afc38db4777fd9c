package lethe.guard;

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
 * In local mode a browser needs no credentials, so a page on another origin must not be able to make
 * it write: cross-origin {@code Origin} or {@code Sec-Fetch-Site} is a 403, a content type any page can
 * send is a 415, both before the body is read. Clients that are not browsers send neither and work.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CsrfGuardTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start("local-config.yml");

    private static final byte[] TURN = (Turns.line("planted", "t1", 0, "user", 1700000000, "planted by a page") + "\n")
            .getBytes(StandardCharsets.UTF_8);

    private static Http lethe() {
        return Http.to(APP.getLocalPort());
    }

    private static String ownOrigin() {
        return "http://127.0.0.1:" + APP.getLocalPort();
    }

    private static boolean planted() {
        return lethe().get("/api/v1/sessions").json().get("sessions").findValuesAsText("session_id").contains("planted");
    }

    @Test
    void aClientWithoutOriginIngests() {
        Http.Response response = lethe().post("/api/v1/ingest", "application/x-ndjson",
                (Turns.line("collector", "t1", 0, "user", 1700000000, "hi") + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    void aPageOfLetheItselfIngests() {
        Http.Response response = lethe().header("Origin", ownOrigin()).header("Sec-Fetch-Site", "same-origin")
                .post("/api/v1/ingest", "application/x-ndjson",
                        (Turns.line("same-origin", "t1", 0, "user", 1700000000, "hi") + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "Text/Plain"})
    void contentTypesAnyPageCanSendAreRefused(String contentType) {
        Http.Response response = lethe().post("/api/v1/ingest", contentType, TURN);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(response.json().get("detail").asText()).contains("application/x-ndjson");
        assertThat(planted()).isFalse();
    }

    @Test
    void aBodyWithoutContentTypeIsRefused() {
        Http.Response response = lethe().post("/api/v1/ingest", null, TURN);

        assertThat(response.status()).isEqualTo(415);
        assertThat(planted()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:PORT",
            "http://localhost:PORT", "http://127.0.0.1:PORT.evil.example", "not a url"})
    void anotherOriginIsForbiddenEvenWithTheRightContentType(String origin) {
        Http.Response response = lethe().header("Origin", origin.replace("PORT", String.valueOf(APP.getLocalPort())))
                .post("/api/v1/ingest", "application/x-ndjson", TURN);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(response.json().get("detail").asText()).contains("cross-site request forgery");
        assertThat(planted()).isFalse();
    }

    /** Another port on loopback is "same-site" to a browser, and just as much an attacker. */
    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site"})
    void aRequestFromAnotherSiteIsForbidden(String site) {
        Http.Response response = lethe().header("Sec-Fetch-Site", site).post("/api/v1/ingest", "application/x-ndjson", TURN);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asText()).contains("Sec-Fetch-Site: " + site);
        assertThat(planted()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void everyStateChangingMethodIsGuarded(String method) {
        Http.Response response = lethe().header("Origin", "http://evil.example").method(method, "/api/v1/sessions");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void readsFromAnyOriginAreNotRefusedForTheBrowserToKeepPrivate() {
        Http.Response response = lethe().header("Origin", "http://evil.example").header("Sec-Fetch-Site", "cross-site")
                .get("/api/v1/sessions");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aFormTypeIsRefusedBeforeItsBodyIsRead() {
        RawHttp.Response response = announceAHugeBodyAndSendNone("Content-Type: text/plain");

        assertThat(response.status()).isEqualTo(415);
    }

    @Test
    void anotherOriginIsRefusedBeforeItsBodyIsRead() {
        RawHttp.Response response = announceAHugeBodyAndSendNone(
                "Content-Type: application/x-ndjson\r\nOrigin: http://evil.example");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void theAdminPortsTasksAreGuardedToo() {
        Http admin = Http.to(APP.getAdminPort());

        assertThat(admin.header("Origin", "http://evil.example").post("/tasks/gc", null, new byte[0]).status()).isEqualTo(403);
        assertThat(admin.post("/tasks/gc", null, new byte[0]).status()).isEqualTo(200);
    }

    @Test
    void refusalsAreCounted() {
        long before = APP.getEnvironment().metrics().counter(RequestGuards.CSRF_REFUSED).getCount();

        lethe().post("/api/v1/ingest", "text/plain", TURN);

        assertThat(APP.getEnvironment().metrics().counter(RequestGuards.CSRF_REFUSED).getCount()).isEqualTo(before + 1);
    }

    /**
     * Announces 1 GB and sends none of it: the answer can only come back if lethe decided without
     * waiting for the body (otherwise the read times out and the test fails).
     */
    private static RawHttp.Response announceAHugeBodyAndSendNone(String headers) {
        return RawHttp.send(APP.getLocalPort(), "POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1:" + APP.getLocalPort()
                + "\r\n" + headers + "\r\nContent-Length: 1000000000", new byte[0]);
    }
}
