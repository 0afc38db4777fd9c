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

/** The provider is failing when lethe starts and recovers later: lethe picks the keys up by itself. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LateProviderTest {

    static final SigningKey KEY = SigningKey.rsa("k1");
    static final TestIdentityProvider IDP = startFailing();
    /** Short retries, so that the recovery is noticed within a couple of seconds. */
    static final DropwizardAppExtension<LetheConfiguration> APP = OidcApps.pointingAt(IDP.issuer(),
            ConfigOverride.config("auth.oidc.jwks_cache_lifetime", "2 seconds"),
            ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "1 second"));

    private static TestIdentityProvider startFailing() {
        TestIdentityProvider provider = TestIdentityProvider.start(KEY);
        provider.fail();
        return provider;
    }

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void keysAreLoadedInTheBackgroundOnceTheProviderComesBack() {
        assertThat(bearer(APP, IDP.tokenFor("alice").signedWith(KEY)).get("/api/v1/sessions").status()).isEqualTo(503);
        assertThat(OidcApps.oidcHealth(APP).get("message").asText()).contains("answered HTTP 503");

        IDP.recover();
        OidcApps.awaitKeysLoaded(APP);

        assertThat(bearer(APP, IDP.tokenFor("alice").signedWith(KEY)).get("/api/v1/sessions").status()).isEqualTo(200);
    }
}
