package lethe.search;

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

/** Issue 19: search narrowed by project, tool, host, time, role and kind, alone and combined. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SearchFiltersTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    /** A turn line of a session in {@code project}, of the given kind (null for none). */
    private static String line(String tool, String session, String role, double timestamp, String project,
                               String kind, String content) {
        String plain = Turns.line(tool, "laptop", session, "t-" + role + (long) timestamp, (long) timestamp % 1000, role,
                timestamp, content);
        return plain.substring(0, plain.length() - 1) + ",\"session_meta\":{\"cwd\":" + Turns.quote(project) + "}"
                + (kind == null ? "" : ",\"kind\":\"" + kind + "\"") + "}";
    }

    @BeforeAll
    static void transcripts() {
        as("alice").ingest(String.join("\n",
                line("claude-code", "app", "user", 1700000000, "/home/alice/app", null, "deploy the osprey service"),
                line("claude-code", "app", "assistant", 1700000001, "/home/alice/app", "tool_use", "osprey deploy command"),
                line("claude-code", "web", "user", 1700100000, "/home/alice/app/web", null, "osprey frontend"),
                line("codex", "other", "user", 1700200000, "/home/alice/other", null, "osprey elsewhere"),
                line("claude-code", "apple", "user", 1700300000, "/home/alice/apple", null, "osprey in apple"),
                line("claude-code", "ja", "user", 1700400000, "/home/alice/app_ja", null, "「最新の状態に」して")) + "\n");
        as("bob").ingest(line("claude-code", "bobs", "user", 1700000000, "/home/alice/app", null, "osprey of bob") + "\n");
    }

    private static List<String> sessions(String user, String filters) {
        Http.Response response = as(user).get("/api/v1/search?q=osprey" + filters);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode page = response.json();
        return StreamSupport.stream(page.get("sessions").spliterator(), false)
                .map(session -> session.get("session_id").asText()).toList();
    }

    @Test
    void projectMatchesExactlyOrAsADirectoryPrefixButNotAsAStringPrefix() {
        assertThat(sessions("alice", "&project=/home/alice/app")).containsExactlyInAnyOrder("app", "web");
        assertThat(sessions("alice", "&project=/home/alice/app/web")).containsExactly("web");
        assertThat(sessions("alice", "&project=/home/alice/")).hasSize(4);
    }

    @Test
    void toolAndHostFilter() {
        assertThat(sessions("alice", "&tool=codex")).containsExactly("other");
        assertThat(sessions("alice", "&host=desktop")).isEmpty();
    }

    @Test
    void sinceAndUntilBoundTheMatchingTurnsTime() {
        assertThat(sessions("alice", "&since=1700150000")).containsExactlyInAnyOrder("other", "apple");
        assertThat(sessions("alice", "&until=1700050000")).containsExactly("app");
        assertThat(sessions("alice", "&since=1700050000&until=1700250000")).containsExactlyInAnyOrder("web", "other");
    }

    @Test
    void roleAndKindNarrowToTheMatchingTurns() {
        assertThat(sessions("alice", "&role=assistant")).containsExactly("app");
        assertThat(sessions("alice", "&kind=tool_use")).containsExactly("app");
        JsonNode onlyTyped = as("alice").get("/api/v1/search?q=osprey&role=user&project=/home/alice/app/web").json();
        assertThat(onlyTyped.get("sessions").get(0).get("hit_count").asLong()).isEqualTo(1);
    }

    @Test
    void filtersCombineAndNeverShowAnotherUsersSessions() {
        assertThat(sessions("alice", "&project=/home/alice/app&role=user&tool=claude-code&until=1700050000"))
                .containsExactly("app");
        assertThat(sessions("bob", "&project=/home/alice/app")).containsExactly("bobs");
        assertThat(sessions("bob", "&project=/home/alice/other")).isEmpty();
        assertThat(as("bob").get("/api/v1/search?q=osprey&owner=alice").status()).isEqualTo(403);
        assertThat(sessions("carol", "&owner=*&project=/home/alice/app")).containsExactlyInAnyOrder("app", "web", "bobs");
    }

    @Test
    void filtersApplyToSubstringSearchesToo() {
        String shortCjk = "/api/v1/search?q=%E6%9C%80%E6%96%B0";
        assertThat(as("alice").get(shortCjk + "&project=/home/alice/app_ja").json().get("sessions")).hasSize(1);
        assertThat(as("alice").get(shortCjk + "&project=/home/alice/app").json().get("sessions")).isEmpty();
        assertThat(as("alice").get(shortCjk + "&role=assistant").json().get("sessions")).isEmpty();
    }

    @Test
    void aBadFilterValueIs400() {
        assertThat(as("alice").get("/api/v1/search?q=osprey&since=yesterday").json().get("code").asText())
                .isEqualTo("INVALID");
        assertThat(as("alice").get("/api/v1/search?q=osprey&project=%01").status()).isEqualTo(400);
    }
}
