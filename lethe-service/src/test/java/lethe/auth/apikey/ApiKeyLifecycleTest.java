package lethe.auth.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.DatabaseProbe;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys through the HTTP API, from creation to revocation, against the real app and database file. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiKeyLifecycleTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private Http http() {
        return Http.to(APP.getLocalPort());
    }

    static Http withKey(Http http, String secret) {
        return http.header("Authorization", "Bearer " + secret);
    }

    static Http.Response createKey(Http user, String body) {
        return user.post("/api/v1/keys", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode keyNamed(Http user, String id) {
        for (JsonNode key : user.get("/api/v1/keys").json().get("keys")) {
            if (key.get("id").asText().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("key " + id + " is not listed");
    }

    @Test
    void aKeyIsCreatedUsedListedWithItsLastUseAndRevoked() {
        Http alice = http().as("alice");
        Http.Response created = createKey(alice, "{\"name\": \"laptop\", \"expires_in_days\": 90}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.json().get("secret").asText();
        String id = created.json().get("key").get("id").asText();
        assertThat(secret).matches("lethe_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}").startsWith("lethe_" + id + "_");
        assertThat(created.json().get("key").get("owner").asText()).isEqualTo("alice");
        assertThat(created.json().get("key").get("status").asText()).isEqualTo("active");
        assertThat(created.json().get("key").get("expires_at").asDouble() - created.json().get("key").get("created_at").asDouble())
                .isEqualTo(90 * 86400.0, org.assertj.core.data.Offset.offset(1.0));

        Http.Response ingest = withKey(http(), secret).ingest(Turns.line("keyed", "t1", 0, "user", 1700000000, "from a key") + "\n");
        assertThat(ingest.status()).isEqualTo(200);
        assertThat(ingest.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(alice.get("/api/v1/sessions/claude-code/laptop/keyed").status())
                .as("the key stores under its owner").isEqualTo(200);

        Http.Response list = alice.get("/api/v1/keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain(ApiKeySecret.parse(secret).orElseThrow().hash());
        JsonNode listed = keyNamed(alice, id);
        assertThat(listed.get("name").asText()).isEqualTo("laptop");
        assertThat(listed.get("prefix").asText()).isEqualTo("lethe_" + id + "_…");
        assertThat(listed.has("last_used_at")).as("last use shows at once, before any flush").isTrue();
        assertThat(listed.has("secret")).isFalse();
        assertThat(listed.has("hash")).isFalse();

        assertThat(alice.method("DELETE", "/api/v1/keys/" + id).status()).isEqualTo(204);

        Http.Response refused = withKey(http(), secret).ingest(Turns.line("keyed", "t2", 1, "user", 1700000001, "after") + "\n");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(keyNamed(alice, id).get("status").asText()).isEqualTo("revoked");
        assertThat(alice.method("DELETE", "/api/v1/keys/" + id).status()).as("revoking twice is harmless").isEqualTo(204);
    }

    @Test
    void anotherUsersKeyCannotBeRevokedOrSeenButAnAdminMay() {
        Http alice = http().as("alice");
        Http bob = http().as("bob");
        Http.Response created = createKey(alice, "{\"name\": \"desktop\"}");
        String id = created.json().get("key").get("id").asText();
        String secret = created.json().get("secret").asText();
        assertThat(created.json().get("key").has("expires_at")).as("no expiry unless asked").isFalse();

        Http.Response bobRevokes = bob.method("DELETE", "/api/v1/keys/" + id);
        assertThat(bobRevokes.status()).isEqualTo(404);
        assertThat(bobRevokes.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(bob.method("DELETE", "/api/v1/keys/AAAAAAAAAAAA").status())
                .as("indistinguishable from a key that does not exist").isEqualTo(404);
        assertThat(bob.get("/api/v1/keys").body()).doesNotContain(id);
        assertThat(bob.get("/api/v1/keys?owner=alice").status()).isEqualTo(403);
        assertThat(withKey(http(), secret).get("/api/v1/sessions").status()).as("still works").isEqualTo(200);

        Http carol = http().as("carol");
        assertThat(carol.get("/api/v1/keys?owner=alice").body()).contains(id);
        assertThat(carol.get("/api/v1/keys?owner=*").body()).contains(id);
        assertThat(carol.method("DELETE", "/api/v1/keys/" + id).status()).isEqualTo(204);
        assertThat(withKey(http(), secret).get("/api/v1/sessions").status()).isEqualTo(401);
    }

    @Test
    void anExpiredKeyIsRefused() {
        Http alice = http().as("alice");
        Http.Response created = createKey(alice, "{\"name\": \"short-lived\", \"expires_in_days\": 1}");
        String id = created.json().get("key").get("id").asText();
        String secret = created.json().get("secret").asText();
        assertThat(withKey(http(), secret).get("/api/v1/sessions").status()).isEqualTo(200);

        try (DatabaseProbe probe = DatabaseProbe.open(APP)) {
            // A day passing, compressed: the key's expiry now lies one second in the past.
            probe.execute("UPDATE api_keys SET expires_at = ? WHERE id = ?", System.currentTimeMillis() / 1000.0 - 1, id);
        }

        Http.Response refused = withKey(http(), secret).get("/api/v1/sessions");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(keyNamed(alice, id).get("status").asText()).isEqualTo("expired");
    }

    @Test
    void anApiKeyCannotMintMoreKeys() {
        String secret = createKey(http().as("bob"), "{\"name\": \"cron\"}").json().get("secret").asText();
        Http.Response minted = createKey(withKey(http(), secret), "{\"name\": \"persistence\"}");
        assertThat(minted.status()).isEqualTo(403);
        assertThat(minted.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    /** Issue 14, finding 14. */
    @Test
    void aUserMayHoldAtMostAHundredUsableKeysAndRevokingOneMakesRoom() {
        Http dave = http().as("dave");
        String lastId = null;
        for (int i = 0; i < ApiKeyService.MAX_USABLE_KEYS_PER_USER; i++) {
            Http.Response created = createKey(dave, "{\"name\": \"k" + i + "\"}");
            assertThat(created.status()).isEqualTo(201);
            lastId = created.json().get("key").get("id").asText();
        }

        Http.Response refused = createKey(dave, "{\"name\": \"one too many\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("100 usable API keys");

        assertThat(dave.method("DELETE", "/api/v1/keys/" + lastId).status()).isIn(200, 204);
        assertThat(createKey(dave, "{\"name\": \"after revoking\"}").status()).isEqualTo(201);
    }

    @Test
    void badRequestsToCreateAKeyAreProblems() {
        Http alice = http().as("alice");
        assertThat(createKey(alice, "{}").json().get("code").asText()).isEqualTo("INVALID");
        assertThat(createKey(alice, "{\"name\": \"  \"}").status()).isEqualTo(400);
        assertThat(createKey(alice, "{\"name\": \"" + "n".repeat(101) + "\"}").status()).isEqualTo(400);
        assertThat(createKey(alice, "{\"name\": \"x\", \"expires_in_days\": 0}").status()).isEqualTo(400);
        assertThat(createKey(alice, "{\"name\": \"x\", \"expires_in_days\": 3651}").status()).isEqualTo(400);
        assertThat(createKey(alice, "{\"name\": ").json().get("code").asText()).isEqualTo("INVALID");
        Http.Response form = alice.post("/api/v1/keys", "text/plain", "name=x".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).as("a cross-site form cannot create keys").isEqualTo(415);
        assertThat(http().post("/api/v1/keys", "application/json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(401);
    }
}
