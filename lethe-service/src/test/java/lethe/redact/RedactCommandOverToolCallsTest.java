package lethe.redact;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.Images;
import lethe.testing.JarCommands;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lethe redact} reaches every place a stored turn keeps text, not only its content: a secret in a
 * tool call's input and one in an attachment's name, stored while redaction was off, are gone after the
 * rescan from the API, the export, search and the database file; the input stays the same JSON object
 * around the marker. (A class of its own: the rescan covers the whole database, and RedactCommandTest
 * counts exactly what it finds in its own.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RedactCommandOverToolCallsTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("redaction.enabled", "false"));
    static final FakeSecrets SECRETS = new FakeSecrets(314);

    static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    static String commandConfig() throws IOException {
        Path config = Files.createTempFile("lethe-command", ".yml");
        Files.writeString(config, Files.readString(Path.of(ResourceHelpers.resourceFilePath("test-config.yml")))
                + "database:\n  url: jdbc:sqlite:" + LetheApp.databaseFile(APP) + "\n");
        return config.toString();
    }

    @Test
    void aSecretInAStoredToolInputAndInAnAttachmentNameIsGoneAfterTheRescanIncludingFromSearch() throws IOException {
        String github = SECRETS.github();
        String slack = SECRETS.slack();
        String call = Turns.line("tool-leak", "t1", 0, "assistant", 1700000000, "$ gh auth login --with-token " + github)
                .replace("}", ",\"kind\":\"tool_use\",\"tool_call\":{\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":"
                        + "{\"command\":\"gh auth login --with-token " + github + "\",\"timeout\":1.10,"
                        + "\"env\":[\"SLACK_TOKEN=" + slack + "\",\"CI=1\"]}}}");
        String screenshot = Turns.line("tool-leak", "t2", 1, "user", 1700000001, "this is what I see")
                .replace("}", ",\"attachments\":[{\"media_type\":\"image/png\",\"name\":\"token-" + github + ".png\","
                        + "\"data\":\"" + Images.base64(Images.png()) + "\"}]}");
        Http.Response stored = alice().ingest(call + "\n" + screenshot + "\n");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(alice().get("/api/v1/sessions/claude-code/laptop/tool-leak").body()).contains(github, slack);
        assertThat(alice().get("/api/v1/search?group=turn&q=" + github).json().get("hits")).isNotEmpty();

        JarCommands.Result dry = JarCommands.run("redact", commandConfig(), "--dry-run");

        assertThat(dry.succeeded()).as(dry.toString()).isTrue();
        assertThat(dry.out()).contains("would redact 4 secrets in 1 turns, 0 session metas and 1 attachment names",
                "github-pat: 3", "slack-bot-token: 1");

        JarCommands.Result real = JarCommands.run("redact", commandConfig());

        assertThat(real.succeeded()).as(real.toString()).isTrue();
        assertThat(real.out()).contains("redacted 4 secrets in 1 turns, 0 session metas and 1 attachment names");
        JsonNode session = alice().get("/api/v1/sessions/claude-code/laptop/tool-leak").json();
        JsonNode input = session.path("turns").get(0).path("tool_call").path("input");
        assertThat(input.path("command").asText()).isEqualTo("gh auth login --with-token «redacted:github-pat»");
        assertThat(input.path("env").get(0).asText()).isEqualTo("SLACK_TOKEN=«redacted:slack-bot-token»");
        assertThat(input.path("timeout").decimalValue()).isEqualByComparingTo("1.10");
        assertThat(session.path("turns").get(1).path("attachments").get(0).path("name").asText())
                .isEqualTo("token-«redacted:github-pat».png");
        assertThat(session.toString()).doesNotContain(github).doesNotContain(slack);
        assertThat(alice().get("/api/v1/sessions/claude-code/laptop/tool-leak/export.ndjson").body())
                .doesNotContain(github).doesNotContain(slack).contains("«redacted:slack-bot-token»");
        assertThat(alice().get("/api/v1/search?group=turn&q=" + github).json().get("hits")).isEmpty();
        assertThat(alice().get("/api/v1/search?group=turn&q=" + github.substring(4, 20)).json().get("hits")).isEmpty();
        assertThat(databaseFiles()).doesNotContain(github).doesNotContain(slack);
    }

    /** The database file and its -wal and -shm companions, as bytes. */
    private static String databaseFiles() throws IOException {
        Path db = LetheApp.databaseFile(APP);
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(db.getParent())) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith(db.getFileName().toString())).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
