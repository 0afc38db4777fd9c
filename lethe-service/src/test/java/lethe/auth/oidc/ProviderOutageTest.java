package lethe.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.auth.oidc.TestIdentityProvider.SigningKey;
import lethe.testing.Http;
import lethe.testing.Turns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static lethe.auth.oidc.OidcApps.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** lethe while its identity provider is down, and when it comes back. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProviderOutageTest {

    static final SigningKey KEY = SigningKey.rsa("k1");

    /** Never reachable: lethe must start anyway. */
    static final String DOWN_ISSUER = TestIdentityProvider.unreachableIssuer();
    static final DropwizardAppExtension<LetheConfiguration> DOWN_APP = OidcApps.pointingAt(DOWN_ISSUER);

    /** Up at first, then failing: lethe keeps the keys it has. Refreshes every second so failures come quickly. */
    static final TestIdentityProvider FLAKY_IDP = TestIdentityProvider.start(KEY);
    static final DropwizardAppExtension<LetheConfiguration> FLAKY_APP = OidcApps.pointingAt(FLAKY_IDP.issuer(),
            ConfigOverride.config("auth.oidc.jwks_cache_lifetime", "1 second"),
            ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "1 second"));

    /** Failing at startup, then back: lethe picks the keys up in the background. */
    static final TestIdentityProvider LATE_IDP = startFailing(KEY);
    static final DropwizardAppExtension<LetheConfiguration> LATE_APP = OidcApps.pointingAt(LATE_IDP.issuer(),
            ConfigOverride.config("auth.oidc.jwks_cache_lifetime", "2 seconds"),
            ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "1 second"));

    private static TestIdentityProvider startFailing(SigningKey key) {
        TestIdentityProvider provider = TestIdentityProvider.start(key);
        provider.fail();
        return provider;
    }

    @AfterAll
    static void stopProviders() {
        FLAKY_IDP.close();
        LATE_IDP.close();
    }

    private static String tokenFrom(String issuer) {
        return new TokenBuilder(issuer, TestIdentityProvider.AUDIENCE, "alice").signedWith(KEY);
    }

    @Test
    void letheStartsAndForwardAuthWorksWhileTheProviderIsUnreachable() {
        Http alice = Http.to(DOWN_APP.getLocalPort()).as("alice");
        assertThat(alice.ingest(Turns.line("s-down", "t1", 0, "user", 1700000000, "hi") + "\n").status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/sessions").json().get("sessions")).hasSize(1);
    }

    @Test
    void aBearerTokenGets503IdpUnavailableRatherThanA401() {
        Http.Response response = bearer(DOWN_APP, tokenFrom(DOWN_ISSUER)).get("/api/v1/sessions");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("IDP_UNAVAILABLE");
        assertThat(response.json().get("detail").asText()).contains(DOWN_ISSUER);
    }

    @Test
    void aBearerTokenWithATrustedHeaderIsTheHeadersUserWhileTheProviderIsUnreachable() {
        Http.Response response = bearer(DOWN_APP, tokenFrom(DOWN_ISSUER)).as("bob").get("/api/v1/sessions");
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void theOidcHealthCheckIsUnhealthyWhileNoKeysAreLoaded() {
        Http.Response report = Http.to(DOWN_APP.getAdminPort()).get("/healthcheck");
        assertThat(report.status()).isEqualTo(500);
        JsonNode oidc = report.json().get("oidc");
        assertThat(oidc.get("healthy").asBoolean()).isFalse();
        assertThat(oidc.get("message").asText()).contains("no signing keys loaded from " + DOWN_ISSUER);
    }

    @Test
    void cachedKeysKeepWorkingWhenARefreshFails() {
        OidcApps.awaitKeysLoaded(FLAKY_APP);
        FLAKY_IDP.fail();
        try {
            int failedBefore = FLAKY_IDP.failedRequests();
            Await.until("lethe has tried and failed to refresh", () -> FLAKY_IDP.failedRequests() > failedBefore
                    && OidcApps.oidcHealth(FLAKY_APP).get("message").asText().contains("failed"));

            assertThat(bearer(FLAKY_APP, FLAKY_IDP.tokenFor("alice").signedWith(KEY)).get("/api/v1/sessions").status())
                    .isEqualTo(200);
            assertThat(OidcApps.oidcHealth(FLAKY_APP).get("healthy").asBoolean()).isTrue();
        } finally {
            FLAKY_IDP.recover();
        }
    }

    @Test
    void keysAreLoadedInTheBackgroundOnceTheProviderComesBack() {
        assertThat(bearer(LATE_APP, LATE_IDP.tokenFor("alice").signedWith(KEY)).get("/api/v1/sessions").status())
                .isEqualTo(503);
        assertThat(OidcApps.oidcHealth(LATE_APP).get("message").asText()).contains("HTTP 503");

        LATE_IDP.recover();
        OidcApps.awaitKeysLoaded(LATE_APP);

        assertThat(bearer(LATE_APP, LATE_IDP.tokenFor("alice").signedWith(KEY)).get("/api/v1/sessions").status())
                .isEqualTo(200);
    }
}
