package lethe.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code auth.local_user}: every request is that one user, whatever it carries. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LocalModeTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start("local-config.yml");

    @Test
    void aRequestWithoutCredentialsIsTheLocalUserInLocalMode() {
        JsonNode me = Http.to(APP.getLocalPort()).get("/api/v1/me").json();

        assertThat(me.get("user").asText()).isEqualTo("alice");
        assertThat(me.get("mode").asText()).isEqualTo("local");
        assertThat(me.get("admin").asBoolean()).isTrue();
    }

    @Test
    void forwardAuthHeadersAreIgnored() {
        Http asBob = Http.to(APP.getLocalPort()).as("bob");

        assertThat(asBob.get("/api/v1/me").json().get("user").asText()).isEqualTo("alice");
        asBob.ingest(Turns.line("headers", "t1", 0, "user", 1700000000, "hi") + "\n");
        assertThat(Http.to(APP.getLocalPort()).get("/api/v1/sessions").json().get("sessions").get(0).get("owner").asText())
                .isEqualTo("alice");
    }
}
