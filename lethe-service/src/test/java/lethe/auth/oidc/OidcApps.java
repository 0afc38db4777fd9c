package lethe.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;

import java.util.ArrayList;
import java.util.List;

/** lethe from the shared test config with OIDC switched on against a given issuer. */
final class OidcApps {

    private OidcApps() {
    }

    static DropwizardAppExtension<LetheConfiguration> pointingAt(String issuer, ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("auth.oidc.enabled", "true"),
                ConfigOverride.config("auth.oidc.issuer", issuer),
                ConfigOverride.config("auth.oidc.audience", TestIdentityProvider.AUDIENCE)));
        overrides.addAll(List.of(more));
        return LetheApp.start(overrides.toArray(ConfigOverride[]::new));
    }

    static Http bearer(DropwizardAppExtension<LetheConfiguration> app, String token) {
        return Http.to(app.getLocalPort()).header("Authorization", "Bearer " + token);
    }

    /** The {@code oidc} entry of Dropwizard's health check report on the admin port. */
    static JsonNode oidcHealth(DropwizardAppExtension<LetheConfiguration> app) {
        return Http.to(app.getAdminPort()).get("/healthcheck").json().get("oidc");
    }

    static void awaitKeysLoaded(DropwizardAppExtension<LetheConfiguration> app) {
        Await.until("lethe has loaded the provider's keys", () -> oidcHealth(app).get("healthy").asBoolean());
    }
}
