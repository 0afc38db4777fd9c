package lethe.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.auth.oidc.TestIdentityProvider.SigningKey;
import lethe.testing.Http;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static lethe.auth.oidc.OidcApps.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** The identity provider is down when lethe starts, and stays down. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnreachableProviderTest {

    static final String ISSUER = TestIdentityProvider.unreachableIssuer();
    static final DropwizardAppExtension<LetheConfiguration> APP = OidcApps.pointingAt(ISSUER);

    private static String token() {
        return new TokenBuilder(ISSUER, TestIdentityProvider.AUDIENCE, "alice").signedWith(SigningKey.rsa("k1"));
    }

    @Test
    void letheStartsAndForwardAuthWorks() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        assertThat(alice.ingest(Turns.line("s-down", "t1", 0, "user", 1700000000, "hi") + "\n").status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/sessions").json().get("sessions")).hasSize(1);
    }

    @Test
    void aBearerTokenGets503IdpUnavailableRatherThanA401() {
        Http.Response response = bearer(APP, token()).get("/api/v1/sessions");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("IDP_UNAVAILABLE");
        assertThat(response.json().get("detail").asText()).contains(ISSUER);
        assertThat(response.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void aBearerTokenWithATrustedHeaderIsTheHeadersUser() {
        assertThat(bearer(APP, token()).as("bob").get("/api/v1/sessions").status()).isEqualTo(200);
    }

    @Test
    void theOidcHealthCheckIsUnhealthy() {
        Http.Response report = Http.to(APP.getAdminPort()).get("/healthcheck");
        assertThat(report.status()).isEqualTo(500);
        JsonNode oidc = report.json().get("oidc");
        assertThat(oidc.get("healthy").asBoolean()).isFalse();
        assertThat(oidc.get("message").asText()).contains("no signing keys loaded from " + ISSUER);
    }
}
