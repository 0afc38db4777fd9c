package lethe.guard;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.RawHttp;
import lethe.ui.web.SecurityHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, finding 8: every response carries the security headers, the guards' refusals included. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecurityHeaderFilterTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    @Test
    void theMisdirectedRequestPageCarriesTheSecurityHeaders() {
        RawHttp.Response refused = RawHttp.get(APP.getLocalPort(), "/sessions", "evil.example");

        assertThat(refused.status()).isEqualTo(421);
        assertThat(refused.headers().get("content-security-policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(refused.headers().get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(refused.headers().get("x-frame-options")).isEqualTo("DENY");
        assertThat(refused.headers().get("referrer-policy")).isEqualTo("no-referrer");
    }

    @Test
    void theCsrfRefusalCarriesTheSecurityHeaders() {
        Http.Response refused = Http.to(APP.getLocalPort()).as("alice").header("Origin", "https://evil.example")
                .post("/api/v1/keys", "application/json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
