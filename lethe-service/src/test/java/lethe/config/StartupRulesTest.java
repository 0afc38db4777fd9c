package lethe.config;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What lethe refuses to start with, and what it starts with when given nothing at all. */
class StartupRulesTest {

    private static DropwizardTestSupport<LetheConfiguration> app(ConfigOverride... overrides) {
        ConfigOverride[] all = new ConfigOverride[overrides.length + 1];
        all[0] = ConfigOverride.config("database.url", "jdbc:sqlite:" + LetheApp.freshDatabaseFile());
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        return new DropwizardTestSupport<>(LetheApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"), all);
    }

    @Test
    void aNonLoopbackApplicationBindIsRefusedWithConfigInvalid() {
        DropwizardTestSupport<LetheConfiguration> app = app(
                ConfigOverride.config("server.applicationConnectors[0].bindHost", "0.0.0.0"));

        assertThatThrownBy(app::before)
                .hasMessageContaining("CONFIG_INVALID")
                .hasMessageContaining("server.applicationConnectors[0].bindHost=0.0.0.0")
                .hasMessageContaining("allow_non_loopback_bind");
        app.after();
    }

    @Test
    void anUnsetBindHostMeansAllInterfacesAndIsRefusedToo() {
        DropwizardTestSupport<LetheConfiguration> app = app(
                ConfigOverride.config("server.adminConnectors[0].bindHost", ""));

        assertThatThrownBy(app::before).hasMessageContaining("CONFIG_INVALID").hasMessageContaining("server.adminConnectors[0]");
        app.after();
    }

    @Test
    void theExplicitOverrideAllowsANonLoopbackBind() throws Exception {
        DropwizardTestSupport<LetheConfiguration> app = app(
                ConfigOverride.config("server.applicationConnectors[0].bindHost", "0.0.0.0"),
                ConfigOverride.config("allow_non_loopback_bind", "true"));
        try {
            app.before();
            assertThat(Http.to(app.getLocalPort()).as("alice").get("/api/v1/sessions").status()).isEqualTo(200);
        } finally {
            app.after();
        }
    }

    @Test
    void aDatabaseDirectoryThatCannotBeCreatedIsDbOpen() throws Exception {
        Path blocker = Files.createTempFile("lethe", ".not-a-dir");
        DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "jdbc:sqlite:" + blocker.resolve("sub/lethe.db")));

        assertThatThrownBy(app::before).hasMessageContaining("DB_OPEN").hasMessageContaining("cannot create database directory");
        app.after();
    }

    @Test
    void aFileThatIsNotADatabaseIsDbOpen() throws Exception {
        Path garbage = Files.createTempDirectory("lethe").resolve("lethe.db");
        Files.writeString(garbage, "this is not an SQLite database, just text long enough to be read as a header...".repeat(20));
        DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "jdbc:sqlite:" + garbage));

        assertThatThrownBy(app::before).hasMessageContaining("DB_OPEN");
        app.after();
    }

    @Test
    void aConfigKeyWithAnInvalidValueIsNamedAtStartup() {
        DropwizardTestSupport<LetheConfiguration> app = app(
                ConfigOverride.config("auth.forward_auth.trusted_proxies", "not-an-address"));

        assertThatThrownBy(app::before).hasMessageContaining("auth.forward_auth.trusted_proxies");
        app.after();
    }

    @Test
    void withNoConfigFileLetheRunsInLocalModeOnLoopback() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class, (String) null,
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("database.url", "jdbc:sqlite:" + db));
        try {
            app.before();
            LetheConfiguration config = app.getConfiguration();
            assertThat(config.getAuth().getLocalUser()).isNotBlank();
            Http.Response response = Http.to(app.getLocalPort()).get("/api/v1/sessions");
            assertThat(response.status()).isEqualTo(200);
            assertThat(Files.exists(db)).isTrue();
        } finally {
            app.after();
        }
    }

    @Test
    void theLocalUserNameComesFromTheEnvironmentElseTheOsUserMadeSafe() {
        assertThat(LetheConfigurationFactoryFactory.localUserName("alice", "root")).isEqualTo("alice");
        assertThat(LetheConfigurationFactoryFactory.localUserName(null, "root")).isEqualTo("root");
        assertThat(LetheConfigurationFactoryFactory.localUserName("", "CORP\\jane doe")).isEqualTo("CORP_jane_doe");
        assertThat(LetheConfigurationFactoryFactory.localUserName(null, null)).isEqualTo("local");
    }
}
