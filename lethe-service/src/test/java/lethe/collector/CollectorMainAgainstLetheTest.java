package lethe.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.importer.ImportCommand;
import lethe.login.LoginCommand;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static lethe.importer.ImporterFixtures.copyOfAssistantFixtures;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slim collector's command line ({@code java -jar lethe-collector.jar import …}, run in this JVM) sending
 * real transcripts to a running lethe, as a machine that only collects would.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CollectorMainAgainstLetheTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    @Test
    void theCollectorsImportFillsARunningLethe() throws Exception {
        Path home = Files.createTempDirectory("collector-home");
        Path transcripts = copyOfAssistantFixtures();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        CollectorMain collector = new CollectorMain(List.of(new ImportCommand(out, err, Map.of(), home), new LoginCommand()), out, err);

        int status = collector.run("import", "claude-code", transcripts.toString(), "--server",
                "http://127.0.0.1:" + APP.getLocalPort(), "--user", "dave", "--host", "collector-box");

        String report = stderr.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report).contains("sent 727 turns").contains("scanning " + transcripts);
        JsonNode sessions = Http.to(APP.getLocalPort()).as("dave").get("/api/v1/sessions?limit=500&host=collector-box").json();
        long turns = 0;
        for (JsonNode session : sessions.path("sessions")) {
            turns += session.path("turn_count").asLong();
        }
        assertThat(turns).isEqualTo(727);
        JsonNode worktrees = Http.to(APP.getLocalPort()).as("dave")
                .get("/api/v1/sessions/claude-code/collector-box/ef958aa1-0e93-49f0-bb71-150f63befcd1:agent-a4ca7529859c158c2").json();
        assertThat(worktrees.path("meta").path("parent_session_id").asText()).isEqualTo("ef958aa1-0e93-49f0-bb71-150f63befcd1");
        assertThat(worktrees.path("meta").path("parent_turn_id").asText()).isEqualTo("fc61c13e-9209-4099-9847-3c6aed90e03c");
        assertThat(collector.run("import", "claude-code", transcripts.toString(), "--server",
                "http://127.0.0.1:" + APP.getLocalPort(), "--user", "dave", "--host", "collector-box")).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("sent 0 turns");
    }
}
