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
 * single fetch, and never lets unknown key ids turn into a stream of fetches. Each test has its own
 * provider and lethe, because what they count depends on lethe's fetch history.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeyRotationTest {

    /** Long enough that nothing but the requests in a test can cause a fetch while it runs. */
    static final ConfigOverride[] QUIET_CACHE = {
            ConfigOverride.config("auth.oidc.jwks_cache_lifetime", "1 hour"),
            ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "10 minutes")};

    static final SigningKey OLD = SigningKey.rsa("2024-key");
    static final SigningKey NEW = SigningKey.ec("2025-key");
    static final TestIdentityProvider ROTATING_IDP = TestIdentityProvider.start(OLD);
    static final DropwizardAppExtension<LetheConfiguration> ROTATING_APP = OidcApps.pointingAt(ROTATING_IDP.issuer(), QUIET_CACHE);

    static final SigningKey KEY = SigningKey.rsa("only-key");
    static final TestIdentityProvider FLOODED_IDP = TestIdentityProvider.start(KEY);
    static final DropwizardAppExtension<LetheConfiguration> FLOODED_APP = OidcApps.pointingAt(FLOODED_IDP.issuer(), QUIET_CACHE);

    @AfterAll
    static void stopProviders() {
        ROTATING_IDP.close();
        FLOODED_IDP.close();
    }

    @Test
    void aTokenSignedWithARotatedInKeyIsAcceptedAfterOneRefetch() {
        OidcApps.awaitKeysLoaded(ROTATING_APP);
        String oldToken = ROTATING_IDP.tokenFor("alice").signedWith(OLD);
        assertThat(bearer(ROTATING_APP, oldToken).get("/api/v1/sessions").status()).isEqualTo(200);

        ROTATING_IDP.publish(NEW);
        int fetchesBefore = ROTATING_IDP.jwksRequests();
        String newToken = ROTATING_IDP.tokenFor("alice").signedWith(NEW);
        assertThat(bearer(ROTATING_APP, newToken).get("/api/v1/sessions").status()).isEqualTo(200);
        assertThat(ROTATING_IDP.jwksRequests()).isEqualTo(fetchesBefore + 1);

        assertThat(bearer(ROTATING_APP, newToken).get("/api/v1/sessions").status()).isEqualTo(200);
        assertThat(bearer(ROTATING_APP, oldToken).get("/api/v1/sessions").status())
                .as("the provider withdrew the old key").isEqualTo(401);
        assertThat(ROTATING_IDP.jwksRequests()).isEqualTo(fetchesBefore + 1);
    }

    @Test
    void manyUnknownKeyIdsCauseAtMostOneRefetchPerInterval() {
        OidcApps.awaitKeysLoaded(FLOODED_APP);
        int fetchesBefore = FLOODED_IDP.jwksRequests();

        for (int i = 0; i < 100; i++) {
            String forged = FLOODED_IDP.tokenFor("alice").signedWith(KEY.withKid("random-" + i));
            assertThat(bearer(FLOODED_APP, forged).get("/api/v1/sessions").status()).isEqualTo(401);
        }

        assertThat(FLOODED_IDP.jwksRequests()).isEqualTo(fetchesBefore + 1);
        String genuine = FLOODED_IDP.tokenFor("alice").signedWith(KEY);
        assertThat(bearer(FLOODED_APP, genuine).get("/api/v1/sessions").status()).isEqualTo(200);
    }
}
