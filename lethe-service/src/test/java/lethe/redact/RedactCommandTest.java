package lethe.redact;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.JarCommands;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lethe redact config.yml}: a store filled while redaction was off is cleaned while lethe serves;
 * {@code --dry-run} only counts; {@code lethe sessions delete} deletes from the command line.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RedactCommandTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("redaction.enabled", "false"));
    static final FakeSecrets SECRETS = new FakeSecrets(99);

    static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    /** The config a command is run with: the test config, pointed at the serving app's database. */
    static String commandConfig() {
        try {
            Path config = Files.createTempFile("lethe-command", ".yml");
            Files.writeString(config, Files.readString(Path.of(ResourceHelpers.resourceFilePath("test-config.yml")))
                    + "database:\n  url: jdbc:sqlite:" + LetheApp.databaseFile(APP) + "\n");
            return config.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStoreFilledWithoutRedactionIsCleanedWhileLetheServes() {
        String github = SECRETS.github();
        String aws = SECRETS.aws();
        alice().ingest(Turns.line("old-leak", "t1", 0, "user", 1700000000, "my token is " + github) + "\n"
                + Turns.line("old-leak", "t2", 1, "assistant", 1700000001, "and the key " + aws + " too").replace("}",
                ",\"session_meta\":{\"note\":\"" + github + "\"}}") + "\n");
        assertThat(alice().get("/api/v1/search?group=turn&q=" + github).json().get("hits")).isNotEmpty();

        JarCommands.Result dry = JarCommands.run("redact", commandConfig(), "--dry-run");

        assertThat(dry.succeeded()).as(dry.toString()).isTrue();
        assertThat(dry.out()).contains("would redact 3 secrets in 2 turns, 1 session metas and 0 attachment names", "github-pat: 2", "aws-access-token: 1");
        assertThat(alice().get("/api/v1/sessions/claude-code/laptop/old-leak").body()).contains(github);

        JarCommands.Result real = JarCommands.run("redact", commandConfig(), "--batch", "1");

        assertThat(real.succeeded()).as(real.toString()).isTrue();
        assertThat(real.out()).contains("redacted 3 secrets in 2 turns, 1 session metas and 0 attachment names");
        String session = alice().get("/api/v1/sessions/claude-code/laptop/old-leak").body();
        assertThat(session).doesNotContain(github).doesNotContain(aws).contains("«redacted:github-pat»", "«redacted:aws-access-token»");
        assertThat(alice().get("/api/v1/search?group=turn&q=" + github).json().get("hits")).isEmpty();
        assertThat(alice().get("/api/v1/search?group=turn&q=redacted").json().get("hits")).isNotEmpty();

        JarCommands.Result again = JarCommands.run("redact", commandConfig());
        assertThat(again.out()).contains("redacted 0 secrets");
    }

    @Test
    void theOperatorDeletesASessionFromTheCommandLine() {
        Http.Response stored = alice().ingest(Turns.line("by-operator", "t1", 0, "user", 1700000000, "remove me") + "\n");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);

        JarCommands.Result deleted = JarCommands.run("sessions", "delete", commandConfig(), "--owner", "alice",
                "claude-code", "laptop", "by-operator");
        JarCommands.Result again = JarCommands.run("sessions", "delete", commandConfig(), "--owner", "alice",
                "claude-code", "laptop", "by-operator");

        assertThat(deleted.succeeded()).as(deleted.toString()).isTrue();
        assertThat(deleted.out()).contains("Deleted session claude-code/laptop/by-operator of alice");
        assertThat(alice().get("/api/v1/sessions/claude-code/laptop/by-operator").status()).isEqualTo(404);
        assertThat(again.succeeded()).isFalse();
        assertThat(again.err()).contains("error: There is no session claude-code/laptop/by-operator of alice.");
    }
}
