package lethe.auth.oidc;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An OIDC configuration lethe cannot work with stops startup, naming the key to fix. */
class OidcConfigTest {

    private static void assertStartupFails(String expectedMessage, ConfigOverride... overrides) {
        ConfigOverride[] all = new ConfigOverride[overrides.length + 1];
        all[0] = ConfigOverride.config("database.url", "jdbc:sqlite:" + LetheApp.freshDatabaseFile());
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), all);
        try {
            assertThatThrownBy(app::before).hasStackTraceContaining(expectedMessage);
        } finally {
            app.after();
        }
    }

    @Test
    void enabledWithoutAnIssuerFailsNamingTheKey() {
        assertStartupFails("auth.oidc.issuer is required when auth.oidc.enabled is true",
                ConfigOverride.config("auth.oidc.enabled", "true"),
                ConfigOverride.config("auth.oidc.audience", "lethe"));
    }

    @Test
    void enabledWithoutAnAudienceFailsNamingTheKey() {
        assertStartupFails("auth.oidc.audience is required when auth.oidc.enabled is true",
                ConfigOverride.config("auth.oidc.enabled", "true"),
                ConfigOverride.config("auth.oidc.issuer", "https://auth.example.com"));
    }

    @Test
    void anIssuerThatIsNotAnHttpUrlFailsNamingTheKey() {
        assertStartupFails("auth.oidc.issuer must be an http(s) URL",
                ConfigOverride.config("auth.oidc.enabled", "true"),
                ConfigOverride.config("auth.oidc.issuer", "auth.example.com"),
                ConfigOverride.config("auth.oidc.audience", "lethe"));
    }

    @Test
    void localModeWithOidcEnabledFailsNamingBothKeys() {
        assertStartupFails("auth.local_user (local single-user mode) cannot be combined with auth.oidc.enabled: true",
                ConfigOverride.config("auth.local_user", "alice"),
                ConfigOverride.config("auth.forward_auth.enabled", "false"),
                ConfigOverride.config("auth.oidc.enabled", "true"),
                ConfigOverride.config("auth.oidc.issuer", "https://auth.example.com"),
                ConfigOverride.config("auth.oidc.audience", "lethe"));
    }

    @Test
    void aNegativeClockSkewFailsNamingTheKey() {
        assertStartupFails("auth.oidc.clock_skew",
                ConfigOverride.config("auth.oidc.clock_skew", "-5 seconds"));
    }

    @Test
    void aRefetchIntervalBelowOneSecondFailsNamingTheKey() {
        assertStartupFails("auth.oidc.jwks_min_refetch_interval",
                ConfigOverride.config("auth.oidc.jwks_min_refetch_interval", "10 milliseconds"));
    }
}
