package lethe.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §11: a session's project and its sub-agent runs, linked both ways and filterable in the list. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionLinksTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("auth.allowed_users", "alice,bob,carol,alice smith"));

    private static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    private static String line(String session, String turnId, double at, String content, String meta) {
        String base = Turns.line(session, turnId, 0, "user", at, content);
        return meta == null ? base : base.substring(0, base.length() - 1) + ",\"session_meta\":" + meta + "}";
    }

    private static List<String> ids(Http.Response list) {
        List<String> ids = new java.util.ArrayList<>();
        list.json().get("sessions").forEach(s -> ids.add(s.get("session_id").asText()));
        return ids;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void aSessionWithTwoSubagentRunsAndAnotherProject() {
        as("alice").ingest(String.join("\n",
                line("main", "m1", 1700000000, "Fix the build", "{\"cwd\":\"/home/alice/app\"}"),
                line("main:agent-a", "a1", 1700000010, "Find the failing test",
                        "{\"cwd\":\"/home/alice/app\",\"parent_session_id\":\"main\",\"parent_turn_id\":\"toolu_1\",\"agent\":\"Explore\"}"),
                line("main:agent-b", "b1", 1700000020, "Run the linter",
                        "{\"cwd\":\"/home/alice/app\",\"parent_session_id\":\"main\",\"parent_turn_id\":\"toolu_2\",\"title\":\"Linter run\"}"),
                line("elsewhere", "e1", 1700000030, "Other work", "{\"cwd\":\"/home/alice/other app\"}"),
                line("no-meta", "n1", 1700000040, "No meta", null)) + "\n");
    }

    @Test
    void aSubagentRunNamesItsParentAndTheParentListsItsRuns() {
        JsonNode run = as("alice").get("/api/v1/sessions/claude-code/laptop/main:agent-a").json();
        JsonNode parent = as("alice").get("/api/v1/sessions/claude-code/laptop/main").json();

        assertThat(run.get("parent").toString()).isEqualTo(
                "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"main\",\"turn_id\":\"toolu_1\"}");
        assertThat(run.get("subagents")).isEmpty();
        assertThat(parent.has("parent")).isFalse();
        assertThat(parent.get("subagent_count").asLong()).isEqualTo(2);
        assertThat(parent.get("subagents").toString()).isEqualTo("["
                + "{\"session_id\":\"main:agent-a\",\"title\":\"Find the failing test\",\"turn_id\":\"toolu_1\",\"turn_count\":1},"
                + "{\"session_id\":\"main:agent-b\",\"title\":\"Linter run\",\"turn_id\":\"toolu_2\",\"turn_count\":1}]");
        assertThat(parent.has("cost_usd")).isFalse();
    }

    @Test
    void theProjectIsTheCwdAndTheListFiltersOnItExactly() {
        Http alice = as("alice");

        assertThat(alice.get("/api/v1/sessions/claude-code/laptop/main").json().get("project").asText()).isEqualTo("/home/alice/app");
        assertThat(ids(alice.get("/api/v1/sessions?project=" + encoded("/home/alice/app"))))
                .containsExactly("main:agent-b", "main:agent-a", "main");
        assertThat(ids(alice.get("/api/v1/sessions?project=" + encoded("/home/alice/other app")))).containsExactly("elsewhere");
        assertThat(ids(alice.get("/api/v1/sessions?project=" + encoded("/home/alice")))).isEmpty();
        assertThat(ids(as("bob").get("/api/v1/sessions?project=" + encoded("/home/alice/app")))).isEmpty();
    }

    @Test
    void subagentsExcludeLeavesOnlyTopLevelSessionsWithTheirRunCounts() {
        Http.Response list = as("alice").get("/api/v1/sessions?subagents=exclude");

        assertThat(ids(list)).containsExactly("no-meta", "elsewhere", "main");
        assertThat(list.json().get("sessions").get(2).get("subagent_count").asLong()).isEqualTo(2);
        assertThat(list.json().get("sessions").get(0).has("subagent_count")).isFalse();
        assertThat(ids(as("alice").get("/api/v1/sessions?subagents=include"))).hasSize(5);
        assertThat(as("alice").get("/api/v1/sessions?subagents=only").status()).isEqualTo(400);
    }

    @Test
    void aLaterMetaUpdateMovesTheLinks() {
        Http bob = as("bob");
        bob.ingest(line("moving", "t1", 1700000000, "x", "{\"cwd\":\"/a\",\"parent_session_id\":\"p1\"}") + "\n");
        bob.ingest(line("moving", "t2", 1700000001, "y", "{\"cwd\":\"/b\",\"parent_session_id\":null}") + "\n");

        JsonNode session = bob.get("/api/v1/sessions/claude-code/laptop/moving").json();
        assertThat(session.get("project").asText()).isEqualTo("/b");
        assertThat(session.has("parent")).isFalse();
        assertThat(ids(bob.get("/api/v1/sessions?project=%2Fa"))).isEmpty();
    }

    @Test
    void aUserNameWithASpaceSignsInAndCanBeNamedInOwner() {
        as("alice smith").ingest(line("spaced", "t1", 1700000000, "hello", null) + "\n");

        assertThat(ids(as("alice smith").get("/api/v1/sessions"))).containsExactly("spaced");
        assertThat(ids(as("carol").get("/api/v1/sessions?owner=alice%20smith"))).containsExactly("spaced");
        assertThat(as("carol").get("/api/v1/sessions/claude-code/laptop/spaced?owner=alice%20smith").status()).isEqualTo(200);
        assertThat(as("carol").get("/api/v1/sessions?owner=%20alice").status()).isEqualTo(400);
    }
}
