package lethe.session.delete;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.DatabaseProbe;
import lethe.testing.Http;
import lethe.testing.Images;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §15: an owner (or an admin for them) deletes a session for good, and only their own. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionDeletionTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    private static void send(String user, String sessionId, String word) {
        String usage = ",\"usage\":{\"input_tokens\":1200,\"output_tokens\":340}";
        Http.Response response = as(user).ingest(Turns.line(sessionId, "t1", 0, "user", 1700000000, "please remember " + word) + "\n"
                + Turns.line(sessionId, "t2", 1, "assistant", 1700000001, "I keep " + word + " safe").replace("}", usage + "}") + "\n");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void aSessionStoredAfterTheNewestWasDeletedIsSearchable() {
        send("carol", "newest", "newestword");
        assertThat(as("carol").get("/api/v1/search?group=turn&q=newestword").json().get("hits")).hasSize(2);
        as("carol").method("DELETE", "/api/v1/sessions/claude-code/laptop/newest");

        send("carol", "after-newest", "afterword");

        assertThat(as("carol").get("/api/v1/search?group=turn&q=afterword").json().get("hits")).hasSize(2);
    }

    @Test
    void aSecondDeleteIsA404() {
        send("alice", "twice", "twiceword");

        assertThat(as("alice").method("DELETE", "/api/v1/sessions/claude-code/laptop/twice").status()).isEqualTo(204);
        Http.Response again = as("alice").method("DELETE", "/api/v1/sessions/claude-code/laptop/twice");

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void someoneElsesSessionIsA404AndStaysWhole() {
        send("alice", "alices", "aliceword");
        send("bob", "alices", "bobword");

        Http.Response foreign = as("dave").method("DELETE", "/api/v1/sessions/claude-code/laptop/alices");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(as("bob").method("DELETE", "/api/v1/sessions/claude-code/laptop/alices").status()).isEqualTo(204);

        assertThat(as("alice").get("/api/v1/sessions/claude-code/laptop/alices").json().get("turns")).hasSize(2);
        assertThat(as("bob").method("DELETE", "/api/v1/sessions/claude-code/laptop/alices?owner=alice").status()).isEqualTo(403);
    }

    @Test
    void anAdminDeletesAnotherOwnersSessionByNamingTheOwner() {
        send("alice", "for-admin", "adminword");

        assertThat(as("carol").method("DELETE", "/api/v1/sessions/claude-code/laptop/for-admin").status()).isEqualTo(404);
        assertThat(as("carol").method("DELETE", "/api/v1/sessions/claude-code/laptop/for-admin?owner=alice").status()).isEqualTo(204);

        assertThat(as("alice").get("/api/v1/sessions/claude-code/laptop/for-admin").status()).isEqualTo(404);
        assertThat(as("carol").get("/api/v1/deleted-sessions?owner=alice").json().get("sessions").findValuesAsText("session_id"))
                .contains("for-admin");
    }

    @Test
    void theServerRemembersDeletedKeysUntilTheSessionIsSentAgain() {
        send("bob", "comes-back", "backword");
        as("bob").method("DELETE", "/api/v1/sessions/claude-code/laptop/comes-back");

        Http.Response listed = as("bob").get("/api/v1/deleted-sessions");
        assertThat(listed.json().get("sessions").findValuesAsText("session_id")).contains("comes-back");
        assertThat(listed.json().get("sessions").get(0).get("tool").asText()).isEqualTo("claude-code");
        assertThat(listed.body()).doesNotContain("backword");
        assertThat(as("alice").get("/api/v1/deleted-sessions").json().get("sessions").findValuesAsText("session_id"))
                .doesNotContain("comes-back");

        send("bob", "comes-back", "backword");

        assertThat(as("bob").get("/api/v1/sessions/claude-code/laptop/comes-back").status()).isEqualTo(200);
        assertThat(as("bob").get("/api/v1/deleted-sessions").json().get("sessions").findValuesAsText("session_id"))
                .doesNotContain("comes-back");
    }

    @Test
    void aDeletedSessionsImagesGoWithIt() {
        String image = Images.base64(Images.png());
        Http.Response stored = as("dave").ingest("{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"pictured\","
                + "\"turn_id\":\"t1\",\"seq\":0,\"role\":\"user\",\"timestamp\":1700000000,\"content\":\"look\","
                + "\"attachments\":[{\"media_type\":\"image/png\",\"data\":\"" + image + "\",\"name\":\"shot.png\"}]}\n");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        String url = as("dave").get("/api/v1/sessions/claude-code/laptop/pictured").json()
                .get("turns").get(0).get("attachments").get(0).get("url").asText();
        assertThat(as("dave").get(url).status()).isEqualTo(200);

        as("dave").method("DELETE", "/api/v1/sessions/claude-code/laptop/pictured");

        assertThat(as("dave").get(url).status()).isEqualTo(404);
        try (DatabaseProbe database = DatabaseProbe.open(APP)) {
            assertThat(database.number("SELECT count(*) FROM attachments")).isZero();
        }
    }
}
