package lethe.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.auth.AuthConfig;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local mode must be the only way in, and only on loopback: anything else refuses to start. */
class LocalModeStartupTest {

    /** Tests run in the module's directory; the example lives at the top of the build. */
    private static final Path EXAMPLE_CONFIG = Path.of("..", "config.example.yml");

    @Test
    void localUserWithForwardAuthExplicitlyOnRefusesToStartNamingBoth() {
        assertThatThrownBy(() -> start("local-config.yml", ConfigOverride.config("auth.forward_auth.enabled", "true")))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageStartingWith("CONFIG_INVALID")
                .hasMessageContaining("auth.local_user")
                .hasMessageContaining("auth.forward_auth.enabled: true");
    }

    @Test
    void localUserWithForwardAuthExplicitlyOffStarts() throws Exception {
        DropwizardTestSupport<LetheConfiguration> app = start("local-config.yml",
                ConfigOverride.config("auth.forward_auth.enabled", "false"));
        try {
            assertThat(Http.to(app.getLocalPort()).get("/api/v1/me").json().get("mode").asText()).isEqualTo("local");
        } finally {
            app.after();
        }
    }

    /** The documented example, copied and given a local_user, must not trip over its own forward_auth block. */
    @Test
    void theExampleConfigWithALocalUserStartsInLocalMode() throws Exception {
        DropwizardTestSupport<LetheConfiguration> app = startFile(EXAMPLE_CONFIG.toString(),
                ConfigOverride.config("auth.local_user", "alice"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"));
        try {
            assertThat(Http.to(app.getLocalPort()).get("/api/v1/me").json().get("user").asText()).isEqualTo("alice");
        } finally {
            app.after();
        }
    }

    @Test
    void localModeRefusesANonLoopbackBindEvenWithTheOverride() {
        assertThatThrownBy(() -> start("local-config.yml",
                ConfigOverride.config("server.applicationConnectors[0].bindHost", "0.0.0.0"),
                ConfigOverride.config("allow_non_loopback_bind", "true")))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageStartingWith("CONFIG_INVALID")
                .hasMessageContaining("auth.local_user")
                .hasMessageContaining("loopback-only")
                .hasMessageContaining("server.applicationConnectors[0].bindHost=0.0.0.0")
                .hasMessageContaining("allow_non_loopback_bind does not apply to local mode");
    }

    @Test
    void localModeRefusesANonLoopbackAdminBindToo() {
        assertThatThrownBy(() -> start("local-config.yml",
                ConfigOverride.config("server.adminConnectors[0].bindHost", "0.0.0.0"),
                ConfigOverride.config("allow_non_loopback_bind", "true")))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("server.adminConnectors[0].bindHost=0.0.0.0");
    }

    @Test
    void withoutLocalUserForwardAuthIsOnUnlessTurnedOff() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertThat(yaml.readValue("forward_auth: {user_header: X-User}", AuthConfig.class).getForwardAuth().isEnabled()).isTrue();
        assertThat(yaml.readValue("allowed_users: [alice]", AuthConfig.class).getForwardAuth().isEnabled()).isTrue();
        assertThat(yaml.readValue("forward_auth: {enabled: false}", AuthConfig.class).getForwardAuth().isEnabled()).isFalse();
    }

    @Test
    void aServerNameWithAPortIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> start("test-config.yml", ConfigOverride.config("server_names", "lethe.example.com:443")))
                .hasMessageContaining("server_names")
                .hasMessageContaining("without scheme or port");
    }

    /** Starts the app and returns it running; on failure the overrides are cleared before the exception escapes. */
    private static DropwizardTestSupport<LetheConfiguration> start(String resource, ConfigOverride... overrides) throws Exception {
        return startFile(ResourceHelpers.resourceFilePath(resource), overrides);
    }

    private static DropwizardTestSupport<LetheConfiguration> startFile(String config, ConfigOverride... overrides) throws Exception {
        List<ConfigOverride> all = new ArrayList<>(List.of(overrides));
        all.add(ConfigOverride.config("database.url", "jdbc:sqlite:" + LetheApp.freshDatabaseFile()));
        DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class,
                config, all.toArray(ConfigOverride[]::new));
        try {
            app.before();
            return app;
        } catch (Exception | Error e) {
            app.after();
            throw e;
        }
    }
}
