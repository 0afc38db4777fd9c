package lethe.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.util.JarLocation;
import java.time.Duration;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code backup config.yml FILE}: a consistent copy of a database that is being written, and a restore from it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BackupCommandTest {

    static final int TURNS_PER_SESSION = 40;
    static final Path LIVE_CONFIG = configFor(LetheApp.freshDatabaseFile());
    /** Its own property prefix: no "dw." override another test left behind can point it at another file. */
    static final DropwizardAppExtension<LetheConfiguration> APP =
            new DropwizardAppExtension<>(LetheApplication.class, LIVE_CONFIG.toString(), "lethe-backup-test.");

    @TempDir
    Path backups;

    @Test
    void aCopyTakenWhileCollectorsWriteHoldsWholeRequestsAndRestores() throws Exception {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger stored = new AtomicInteger();
        Thread collector = new Thread(() -> {
            for (int session = 0; writing.get() && session < 10_000; session++) {
                assertThat(alice.ingest(sessionOf("backup-" + session)).status()).isEqualTo(200);
                stored.incrementAndGet();
            }
        });
        collector.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> stored.get() >= 3);

        int storedBefore = stored.get();
        Path copy = backups.resolve("nested/dir/lethe-backup.db");
        Outcome outcome = backup(LIVE_CONFIG.toString(), copy.toString());
        writing.set(false);
        collector.join();

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.stdout()).contains("backup written to " + copy).contains("integrity_check ok");
        assertThat(backups.resolve("nested/dir")).isDirectoryNotContaining("glob:**.partial-*");

        DropwizardAppExtension<LetheConfiguration> restored =
                new DropwizardAppExtension<>(LetheApplication.class, configFor(copy).toString(), "lethe-backup-test.");
        restored.before();
        try {
            JsonNode sessions = Http.to(restored.getLocalPort()).as("alice").get("/api/v1/sessions?limit=500").json().get("sessions");
            assertThat(sessions.size()).isBetween(storedBefore, stored.get());
            // One request is one transaction: a session is in the copy whole or not at all.
            assertThat(sessions).allSatisfy(session -> assertThat(session.get("turn_count").asInt()).isEqualTo(TURNS_PER_SESSION));
            JsonNode first = Http.to(restored.getLocalPort()).as("alice").get("/api/v1/sessions/claude-code/laptop/backup-0").json();
            assertThat(first.get("turns").get(TURNS_PER_SESSION - 1).get("content").asText()).isEqualTo("turn 39 of backup-0");
        } finally {
            restored.after();
        }
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws Exception {
        Http.to(APP.getLocalPort()).as("alice").ingest(sessionOf("kept"));
        Path target = backups.resolve("lethe.db");
        Files.writeString(target, "yesterday's backup");

        Outcome refused = backup(LIVE_CONFIG.toString(), target.toString());
        assertThat(refused.failure()).isPresent();
        assertThat(refused.stderr()).contains("backup failed: " + target + " already exists; pass --force to overwrite it");
        assertThat(Files.readString(target)).isEqualTo("yesterday's backup");

        Outcome forced = backup(LIVE_CONFIG.toString(), target.toString(), "--force");
        assertThat(forced.failure()).isEmpty();
        assertThat(Files.size(target)).isGreaterThan(4096);
    }

    @Test
    void aConfigWithoutADatabaseFileIsAClearRefusal() {
        Path missing = backups.resolve("no-such-dir/lethe.db");
        Outcome outcome = backup(configFor(missing).toString(), backups.resolve("copy.db").toString());
        assertThat(outcome.failure()).isPresent();
        assertThat(outcome.stderr()).contains("backup failed: there is no database at " + missing);
        assertThat(backups.resolve("copy.db")).doesNotExist();
        assertThat(missing).doesNotExist();
    }

    private static String sessionOf(String sessionId) {
        StringBuilder body = new StringBuilder();
        for (int turn = 0; turn < TURNS_PER_SESSION; turn++) {
            body.append(Turns.line(sessionId, "t" + turn, turn, turn % 2 == 0 ? "user" : "assistant",
                    1700000000 + turn, "turn " + turn + " of " + sessionId)).append('\n');
        }
        return body.toString();
    }

    private record Outcome(Optional<Throwable> failure, String stdout, String stderr) {
    }

    /**
     * Runs the command as {@code java -jar lethe.jar backup ...} would, without exiting the test JVM and
     * without the "dw." configuration overrides other tests in this JVM may have left set.
     */
    private static Outcome backup(String... arguments) {
        java.util.Properties saved = (java.util.Properties) System.getProperties().clone();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("dw.")).forEach(System::clearProperty);
        try {
            return runCli(arguments);
        } finally {
            System.setProperties(saved);
        }
    }

    private static Outcome runCli(String... arguments) {
        LetheApplication application = new LetheApplication();
        Bootstrap<LetheConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[arguments.length + 1];
        args[0] = "backup";
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        java.io.PrintStream stdout = System.out;
        Optional<Throwable> failure;
        try (java.io.PrintStream capture = new java.io.PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            failure = new Cli(new JarLocation(LetheApplication.class), bootstrap, out, err).run(args);
        } finally {
            System.setOut(stdout);
        }
        return new Outcome(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A config file naming the database directly: the backup command reads the same file the server does. */
    private static Path configFor(Path database) {
        try {
            String template = Files.readString(Path.of(LetheApp.class.getResource("/test-config.yml").toURI()));
            Path config = Files.createTempFile("lethe-backup-test", ".yml");
            Files.writeString(config, template + "database:\n  url: jdbc:sqlite:" + database + "\n");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
