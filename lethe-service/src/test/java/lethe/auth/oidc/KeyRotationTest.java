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

/**
 * The provider replaces its keys: lethe learns the new key from the first token that names it, with a
 * single fetch. (A lethe of its own, because the fetches counted depend on its history.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeyRotationTest {

    static final SigningKey OLD = SigningKey.rsa("2024-key");
    static final SigningKey NEW = SigningKey.ec("2025-key");
    static final TestIdentityProvider IDP = TestIdentityProvider.start(OLD);
    static final DropwizardAppExtension<LetheConfiguration> APP = OidcApps.pointingAt(IDP.issuer(),
            // Long enough that only the requests below can make lethe fetch while the test runs.
            ConfigOverride.config("auth.oidc.jwks_cache_lifetime", "1 hour"),
            ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "10 minutes"));

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void aTokenSignedWithARotatedInKeyIsAcceptedAfterOneRefetch() {
        OidcApps.awaitKeysLoaded(APP);
        String oldToken = IDP.tokenFor("alice").signedWith(OLD);
        assertThat(bearer(APP, oldToken).get("/api/v1/sessions").status()).isEqualTo(200);

        IDP.publish(NEW);
        int fetchesBefore = IDP.jwksRequests();
        String newToken = IDP.tokenFor("alice").signedWith(NEW);
        assertThat(bearer(APP, newToken).get("/api/v1/sessions").status()).isEqualTo(200);
        assertThat(IDP.jwksRequests()).isEqualTo(fetchesBefore + 1);

        assertThat(bearer(APP, newToken).get("/api/v1/sessions").status()).isEqualTo(200);
        assertThat(bearer(APP, oldToken).get("/api/v1/sessions").status())
                .as("the provider withdrew the old key").isEqualTo(401);
        assertThat(IDP.jwksRequests()).isEqualTo(fetchesBefore + 1);
    }
}
