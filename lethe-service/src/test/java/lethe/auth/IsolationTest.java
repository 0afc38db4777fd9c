package lethe.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4: every user sees only their own sessions; admins may look at others' with ?owner=. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IsolationTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    @BeforeAll
    static void aliceAndBobEachHaveASession() {
        as("alice").ingest(Turns.line("claude-code", "laptop", "shared-id", "t1", 0, "user", 1700000000, "alice's secret") + "\n"
                + Turns.line("claude-code", "laptop", "alice-only", "t1", 0, "user", 1700000100, "alice again") + "\n"
                + Turns.line("claude-code", "laptop", "alice-diary", "t1", 0, "user", 1700000100, "dear diary") + "\n");
        as("bob").ingest(Turns.line("claude-code", "laptop", "shared-id", "t1", 0, "user", 1700000050, "bob's secret") + "\n");
    }

    private static List<String> owners(JsonNode page) {
        return StreamSupport.stream(page.get("sessions").spliterator(), false).map(s -> s.get("owner").asText()).toList();
    }

    @Test
    void theListShowsOnlyTheCallersSessions() {
        assertThat(owners(as("alice").get("/api/v1/sessions").json())).isNotEmpty().containsOnly("alice");
        assertThat(owners(as("bob").get("/api/v1/sessions").json())).isNotEmpty().containsOnly("bob");
        assertThat(owners(as("dave").get("/api/v1/sessions").json())).isEmpty();
    }

    @Test
    void theSameSessionIdUnderTwoOwnersIsTwoSessions() {
        assertThat(as("alice").get("/api/v1/sessions/claude-code/laptop/shared-id").json().get("turns").get(0).get("content").asText())
                .isEqualTo("alice's secret");
        assertThat(as("bob").get("/api/v1/sessions/claude-code/laptop/shared-id").json().get("turns").get(0).get("content").asText())
                .isEqualTo("bob's secret");
    }

    @Test
    void someoneElsesSessionIsA404LikeAMissingOne() {
        Http.Response foreign = as("bob").get("/api/v1/sessions/claude-code/laptop/alice-only");
        Http.Response missing = as("bob").get("/api/v1/sessions/claude-code/laptop/no-such-session");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(foreign.body()).doesNotContain("alice again");
    }

    @Test
    void aNonAdminPassingOwnerIsForbidden() {
        assertThat(as("bob").get("/api/v1/sessions?owner=alice").status()).isEqualTo(403);
        assertThat(as("bob").get("/api/v1/sessions?owner=*").json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(as("bob").get("/api/v1/sessions?owner=bob").status()).isEqualTo(403);
        assertThat(as("bob").get("/api/v1/sessions/claude-code/laptop/alice-only?owner=alice").status()).isEqualTo(403);
    }

    @Test
    void anAdminByNameReadsOneOwnerOrEveryone() {
        assertThat(owners(as("carol").get("/api/v1/sessions?owner=alice").json())).hasSizeGreaterThanOrEqualTo(3).containsOnly("alice");
        assertThat(owners(as("carol").get("/api/v1/sessions?owner=*").json())).contains("alice", "bob");
        assertThat(as("carol").get("/api/v1/sessions/claude-code/laptop/alice-only?owner=alice").json().get("owner").asText())
                .isEqualTo("alice");
        assertThat(owners(as("carol").get("/api/v1/sessions").json())).isEmpty();
    }

    @Test
    void anAdminByGroupMayUseOwnerToo() {
        Http daveTheAdmin = as("dave").header("Remote-Groups", "developers, lethe-admins");

        assertThat(owners(daveTheAdmin.get("/api/v1/sessions?owner=bob").json())).containsExactly("bob");
        assertThat(as("dave").header("Remote-Groups", "developers").get("/api/v1/sessions?owner=bob").status()).isEqualTo(403);
    }

    @Test
    void ownerStarIsOnlyForLists() {
        assertThat(as("carol").get("/api/v1/sessions/claude-code/laptop/alice-only?owner=*").status()).isEqualTo(400);
    }

    @Test
    void ingestAlwaysStoresUnderTheCaller() {
        as("bob").ingest(Turns.line("claude-code", "laptop", "alice-diary", "intruder", 1, "user", 1700000200, "bob writes") + "\n");

        JsonNode alices = as("alice").get("/api/v1/sessions/claude-code/laptop/alice-diary").json();
        assertThat(alices.get("turn_count").asLong()).isEqualTo(1);
        assertThat(as("bob").get("/api/v1/sessions/claude-code/laptop/alice-diary").json().get("owner").asText()).isEqualTo("bob");
    }

    @Test
    void aUserNotOnTheAllowlistIsForbiddenOnEveryPath() {
        Http mallory = as("mallory");

        assertThat(mallory.get("/api/v1/sessions").status()).isEqualTo(403);
        assertThat(mallory.get("/api/v1/sessions/claude-code/laptop/alice-only").status()).isEqualTo(403);
        Http.Response ingest = mallory.ingest(Turns.line("x", "t", 0, "user", 1700000000, "hi") + "\n");
        assertThat(ingest.status()).isEqualTo(403);
        assertThat(ingest.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void noCredentialsIs401OnEveryPath() {
        Http anonymous = Http.to(APP.getLocalPort());

        for (Http.Response response : List.of(
                anonymous.get("/api/v1/sessions"),
                anonymous.get("/api/v1/sessions/claude-code/laptop/alice-only"),
                anonymous.ingest(Turns.line("x", "t", 0, "user", 1700000000, "hi") + "\n"))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void aBlankOrControlCharacterUserHeaderIsNotAUser() {
        assertThat(Http.to(APP.getLocalPort()).header("Remote-User", " ").get("/api/v1/sessions").status()).isEqualTo(401);
    }
}
