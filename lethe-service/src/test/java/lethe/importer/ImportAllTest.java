package lethe.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.collector.CollectorMain;
import lethe.login.LoginCommand;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import all} as a new user runs it on a machine with all four assistants' files, against the real
 * application on a real database: every session of every assistant arrives, and a second run sends nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ImportAllTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void importAllFillsLetheWithEverySessionOfEveryAssistantAndASecondRunSendsNothing() throws IOException {
        Path home = machineWithAllFourAssistants();

        int first = importAll(home, "all-four");

        assertThat(first).as(stderr()).isZero();
        assertThat(stderr()).contains("lethe import claude-code: scanning " + home.resolve(".claude/projects").toRealPath())
                .contains("lethe import codex: scanning " + home.resolve(".codex/sessions").toRealPath() + ", "
                        + home.resolve(".codex/archived_sessions").toRealPath())
                .contains("lethe import gemini: scanning " + home.resolve(".gemini/tmp").toRealPath())
                .contains("lethe import opencode: scanning " + home.resolve(".local/share/opencode").toRealPath())
                .contains("lethe import all: 4 sources").contains(" 0 rejected");
        assertThat(sessions("claude-code", "all-four")).hasSizeGreaterThanOrEqualTo(10);
        Map<String, JsonNode> codex = sessions("codex", "all-four");
        assertThat(codex).hasSize(11);
        JsonNode captured = codex.get("019e1625-789d-76c0-80ab-3724b5ddb799");
        assertThat(captured.path("usage").path("input_tokens").asLong() + captured.path("usage").path("output_tokens").asLong()
                + captured.path("usage").path("cache_read_tokens").asLong()).as("Codex's own final total_tokens").isEqualTo(6_064_954L);
        assertThat(codex.get("019e1b6e-4a3c-7d2e-9b10-5f6a7b8c9d0e").path("meta").path("parent_session_id").asText())
                .isEqualTo("spawn-test-uuid");
        Map<String, JsonNode> gemini = sessions("gemini", "all-four");
        assertThat(gemini).hasSize(9);
        assertThat(gemini.get("981c87cb-90ef-4c7f-948d-23173ff43e4e").path("meta").path("cwd").asText())
                .isEqualTo("/Users/jnarowski/Dev/playground/src/test-project");
        Map<String, JsonNode> opencode = sessions("opencode", "all-four");
        assertThat(opencode).hasSize(6);
        assertThat(opencode.get("session_parser_fix").path("title").asText()).isEqualTo("Fix bug in parser");
        JsonNode detail = Http.to(APP.getLocalPort()).as("alice")
                .get("/api/v1/sessions/codex/all-four/spawn-test-uuid").json();
        assertThat(detail.path("turns").findValuesAsText("content")).contains("run a review");

        int second = importAll(home, "all-four");

        assertThat(second).isZero();
        assertThat(stderr()).contains("lethe import all: 4 sources, 0 lines, 0 turns sent (0 accepted, 0 rejected)");
    }

    @Test
    void eachAssistantWhoseFilesAreMissingIsNamedWithWhereItWasLookedFor() throws IOException {
        Path home = Files.createTempDirectory("home");
        Files.move(SourceFixtures.home("codex").resolve(".codex"), home.resolve(".codex"));

        int status = importAll(home, "codex-only");

        assertThat(status).isZero();
        assertThat(stderr()).contains("lethe import claude-code: nothing found in ~/.claude/projects")
                .contains("lethe import gemini: nothing found in ~/.gemini/tmp")
                .contains("lethe import opencode: nothing found in ~/.local/share/opencode")
                .doesNotContain("lethe import all:");
        assertThat(sessions("codex", "codex-only")).hasSize(11);
    }

    private int importAll(Path home, String host) {
        stderr.reset();
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new CollectorMain(List.of(new ImportCommand(out, err, Map.of(), home), new LoginCommand()), out, err)
                .run("import", "all", "--server", "http://127.0.0.1:" + APP.getLocalPort(), "--user", "alice", "--host", host);
    }

    /** A home directory holding Claude Code's, Codex's, Gemini CLI's and opencode's files where each keeps them. */
    static Path machineWithAllFourAssistants() throws IOException {
        Path home = Files.createTempDirectory("home");
        Files.createDirectories(home.resolve(".claude"));
        Files.move(ImporterFixtures.copyOfFixtures().resolve("projects"), home.resolve(".claude/projects"));
        Files.move(SourceFixtures.home("codex").resolve(".codex"), home.resolve(".codex"));
        Files.move(SourceFixtures.home("gemini").resolve(".gemini"), home.resolve(".gemini"));
        Files.createDirectories(home.resolve(".local/share"));
        Files.move(SourceFixtures.home("opencode").resolve(".local/share/opencode"), home.resolve(".local/share/opencode"));
        return home;
    }

    private static Map<String, JsonNode> sessions(String tool, String host) {
        JsonNode page = Http.to(APP.getLocalPort()).as("alice")
                .get("/api/v1/sessions?limit=500&tool=" + tool + "&host=" + host).json();
        Map<String, JsonNode> sessions = new HashMap<>();
        page.path("sessions").forEach(session -> sessions.put(session.path("session_id").asText(), session));
        return sessions;
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
