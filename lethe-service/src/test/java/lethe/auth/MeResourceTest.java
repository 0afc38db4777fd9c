package lethe.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/me} behind forward-auth: the signed-in user, whether they are an admin, and the mode. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MeResourceTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    @Test
    void describesAForwardAuthUser() {
        JsonNode me = Http.to(APP.getLocalPort()).as("alice").header("Remote-Groups", "staff, lethe-admins")
                .get("/api/v1/me").json();

        assertThat(me.get("user").asText()).isEqualTo("alice");
        assertThat(me.get("mode").asText()).isEqualTo("forward-auth");
        assertThat(me.get("admin").asBoolean()).isTrue();
        assertThat(me.get("groups")).extracting(JsonNode::asText).containsExactly("lethe-admins", "staff");
    }

    @Test
    void aUserWhoIsNoAdminIsToldSo() {
        JsonNode me = Http.to(APP.getLocalPort()).as("bob").get("/api/v1/me").json();

        assertThat(me.get("admin").asBoolean()).isFalse();
        assertThat(me.get("groups")).isEmpty();
    }

    @Test
    void withoutSigningInThereIsNoMe() {
        Http.Response response = Http.to(APP.getLocalPort()).get("/api/v1/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }
}
