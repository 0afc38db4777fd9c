package lethe.auth.oidc;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.auth.oidc.TestIdentityProvider.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static lethe.auth.oidc.OidcApps.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** The provider fails after lethe has its keys: lethe keeps verifying tokens with the keys it has. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FailingRefreshTest {

    static final SigningKey KEY = SigningKey.rsa("k1");
    static final TestIdentityProvider IDP = TestIdentityProvider.start(KEY);
    /** Refreshes every second, so that a failed refresh happens soon after the provider breaks. */
    static final DropwizardAppExtension<LetheConfiguration> APP = OidcApps.pointingAt(IDP.issuer(),
            ConfigOverride.config("auth.oidc.jwks_cache_lifetime", "1 second"),
            ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "1 second"));

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void cachedKeysKeepWorkingWhenARefreshFails() {
        OidcApps.awaitKeysLoaded(APP);
        IDP.fail();
        int failedBefore = IDP.failedRequests();
        Await.until("lethe has tried and failed to refresh", () -> IDP.failedRequests() > failedBefore
                && OidcApps.oidcHealth(APP).get("message").asText().contains("failed: the discovery document"));

        assertThat(bearer(APP, IDP.tokenFor("alice").signedWith(KEY)).get("/api/v1/sessions").status()).isEqualTo(200);
        assertThat(OidcApps.oidcHealth(APP).get("healthy").asBoolean()).isTrue();
    }
}
