package lethe.auth.oidc;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.auth.oidc.TestIdentityProvider.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static lethe.auth.oidc.OidcApps.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anyone can send tokens naming made-up key ids; lethe must not relay that flood to the provider.
 * (A lethe of its own, because the fetches counted depend on its history.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnknownKeyIdFloodTest {

    static final SigningKey KEY = SigningKey.rsa("only-key");
    static final TestIdentityProvider IDP = TestIdentityProvider.start(KEY);
    static final DropwizardAppExtension<LetheConfiguration> APP = OidcApps.pointingAt(IDP.issuer(),
            ConfigOverride.config("auth.oidc.jwks_cache_lifetime", "1 hour"),
            ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "10 minutes"));

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void manyUnknownKeyIdsCauseAtMostOneRefetchPerInterval() {
        OidcApps.awaitKeysLoaded(APP);
        int fetchesBefore = IDP.jwksRequests();

        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String forged = IDP.tokenFor("alice").signedWith(KEY.withKid("random-" + i));
                statuses.add(CompletableFuture.supplyAsync(() -> bearer(APP, forged).get("/api/v1/sessions").status(), senders));
            }
            assertThat(statuses).allSatisfy(status -> assertThat(status.join()).isEqualTo(401));
        } finally {
            senders.shutdown();
        }

        assertThat(IDP.jwksRequests()).isEqualTo(fetchesBefore + 1);
        String genuine = IDP.tokenFor("alice").signedWith(KEY);
        assertThat(bearer(APP, genuine).get("/api/v1/sessions").status()).isEqualTo(200);
    }
}
