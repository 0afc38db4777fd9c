package lethe.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar lethe.jar server} with no config file: local mode as the OS user, ready for a browser. */
@ExtendWith(DropwizardExtensionsSupport.class)
class NoConfigFileTest {

    /** No file at all; only the ports (the defaults 8080/8081 may be taken) and the database file move. */
    static final DropwizardAppExtension<LetheConfiguration> APP = new DropwizardAppExtension<>(LetheApplication.class,
            (String) null,
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("database.url", "jdbc:sqlite:" + LetheApp.freshDatabaseFile()));

    @Test
    void everyRequestIsTheLocalUserWithoutCredentials() {
        String expected = LetheConfigurationFactoryFactory.localUserName(
                System.getenv(LetheConfigurationFactoryFactory.LOCAL_USER_ENV), System.getProperty("user.name"));

        JsonNode me = Http.to(APP.getLocalPort()).get("/api/v1/me").json();

        assertThat(me.get("user").asText()).isEqualTo(expected);
        assertThat(me.get("mode").asText()).isEqualTo("local");
        assertThat(me.get("admin").asBoolean()).isTrue();
    }

    @Test
    void ingestAndListWorkWithNoSetupAtAll() {
        Http local = Http.to(APP.getLocalPort());
        assertThat(local.ingest(Turns.line("first", "t1", 0, "user", 1700000000, "hello") + "\n").status()).isEqualTo(200);

        assertThat(local.get("/api/v1/sessions").json().get("sessions").get(0).get("session_id").asText()).isEqualTo("first");
        assertThat(APP.getConfiguration().getAuth().isLocalMode()).isTrue();
        assertThat(APP.getConfiguration().getAuth().getForwardAuth().isExplicitlyEnabled()).isFalse();
    }
}
