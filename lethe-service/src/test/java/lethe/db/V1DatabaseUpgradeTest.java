package lethe.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.Images;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by lethe before turn model v2 (src/test/resources/databases/v1-lethe.db) is upgraded at
 * startup: its turns read as they did, its sessions gain project and parent from their meta, and it takes v2 turns.
 */
class V1DatabaseUpgradeTest {

    @Test
    void aV1DatabaseIsMigratedAndEverythingInItReadsAsBefore() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        try (InputStream v1 = V1DatabaseUpgradeTest.class.getResourceAsStream("/databases/v1-lethe.db")) {
            Files.copy(v1, db);
        }
        DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), ConfigOverride.config("database.url", "jdbc:sqlite:" + db));
        app.before();
        try {
            Http alice = Http.to(app.getLocalPort()).as("alice");
            JsonNode main = alice.get("/api/v1/sessions/claude-code/laptop/main-1").json();

            assertThat(main.get("turns")).hasSize(3);
            assertThat(main.get("turns").get(1)).isEqualTo(Http.JSON.readTree("{\"turn_id\":\"a1\",\"seq\":1,"
                    + "\"role\":\"assistant\",\"timestamp\":1700000010,\"content\":\"Bash\\n```json\\n{\\\"command\\\": \\\"make\\\"}\\n```\","
                    + "\"model\":\"claude-sonnet-4\",\"usage\":{\"input_tokens\":100,\"output_tokens\":20},"
                    + "\"kind\":\"tool_use\",\"tool_name\":\"Bash\"}"));
            assertThat(main.get("project").asText()).isEqualTo("/home/alice/app");
            assertThat(main.get("subagents").toString()).isEqualTo(
                    "[{\"session_id\":\"agent-1\",\"title\":\"Look for the failing test\",\"turn_id\":\"a1\",\"turn_count\":1}]");
            assertThat(alice.get("/api/v1/sessions/claude-code/laptop/agent-1").json().get("parent").get("session_id").asText())
                    .isEqualTo("main-1");
            assertThat(alice.get("/api/v1/sessions/codex/desk/other").json().has("project")).isFalse();
            assertThat(alice.get("/api/v1/sessions?subagents=exclude").json().get("sessions")).hasSize(2);

            String v2 = "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"main-1\",\"turn_id\":\"u2\",\"seq\":3,"
                    + "\"role\":\"user\",\"timestamp\":1700000030,\"content\":\"and this\",\"attachments\":[{\"media_type\":"
                    + "\"image/png\",\"data\":\"" + Images.base64(Images.png()) + "\"}]}";
            assertThat(alice.ingest(v2 + "\n").json().get("accepted").asLong()).isEqualTo(1);
            assertThat(alice.getBytes("/api/v1/sessions/claude-code/laptop/main-1/attachments/u2/0").body()).isEqualTo(Images.png());
        } finally {
            app.after();
        }
    }
}
