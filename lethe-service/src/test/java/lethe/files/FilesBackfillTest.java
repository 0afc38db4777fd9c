package lethe.files;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.DatabaseProbe;
import lethe.testing.Http;
import lethe.testing.TestBackend;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.StreamSupport;

import static lethe.files.ToolCalls.call;
import static lethe.files.ToolCalls.path;
import static lethe.files.ToolCalls.patch;
import static lethe.testing.Turns.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A database that held turns before the files index existed gets their files in the background. */
class FilesBackfillTest {

    private static final TestBackend BACKEND = TestBackend.current();

    private static DropwizardTestSupport<LetheConfiguration> appOn(String url) {
        return new DropwizardTestSupport<>(LetheApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", url), ConfigOverride.config("database.user", BACKEND.user()));
    }

    /**
     * Takes the database back to the moment changeSet 70-turn-files ran on a database with turns: no files
     * indexed, every stored turn waiting for the back-fill.
     */
    private static void asIfTheFilesIndexWereNew(String url) {
        try (DatabaseProbe probe = DatabaseProbe.open(url, BACKEND.user())) {
            probe.execute("DELETE FROM turn_files");
            probe.execute("UPDATE files_backfill SET done = 0, up_to = (SELECT max(id) FROM turns)");
        }
    }

    private static long sessionsWith(Http http, String file) {
        return StreamSupport.stream(http.get("/api/v1/sessions?file=" + file).json().get("sessions").spliterator(), false)
                .count();
    }

    private static double backfillPendingGauge(DropwizardTestSupport<LetheConfiguration> app) {
        return Http.to(app.getAdminPort()).get("/metrics").body().lines()
                .filter(line -> line.startsWith("lethe_files_backfill_pending "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no lethe_files_backfill_pending gauge"));
    }

    @Test
    void turnsStoredBeforeTheFilesIndexGetTheirFilesInTheBackgroundAndNewTurnsRightAway() throws Exception {
        String url = BACKEND.freshDatabaseUrl();
        DropwizardTestSupport<LetheConfiguration> before = appOn(url);
        before.before();
        try {
            StringBuilder lines = new StringBuilder();
            // More than one batch of the back-fill, so that it resumes from its saved progress.
            for (int i = 0; i < FilesBackfill.BATCH + 200; i++) {
                lines.append(call("claude-code", "old-" + (i % 3), "c" + i, i, "/home/alice/p", "Read", "Read",
                        path("file_path", "/home/alice/p/src/file" + i + ".py"))).append('\n');
            }
            lines.append(call("codex", "old-codex", "x1", 1, "/home/alice/q", "apply_patch", "apply_patch",
                    "{\"input\":" + quote(patch("*** Update File: src/app.py")) + "}")).append('\n');
            Http.Response stored = Http.to(before.getLocalPort()).as("alice").ingest(lines.toString());
            assertThat(stored.json().get("errors")).as(stored.toString()).isEmpty();
        } finally {
            before.after();
        }
        asIfTheFilesIndexWereNew(url);

        DropwizardTestSupport<LetheConfiguration> after = appOn(url);
        after.before();
        try {
            Http alice = Http.to(after.getLocalPort()).as("alice");
            alice.ingest(call("gemini", "new", "g1", 1, "/home/alice/g", "read_file", "read_file",
                    path("absolute_path", "/home/alice/g/fresh.md")) + "\n");
            assertThat(sessionsWith(alice, "fresh.md")).isEqualTo(1);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(sessionsWith(alice, "app.py")).isEqualTo(1);
                assertThat(sessionsWith(alice, "src/file" + (FilesBackfill.BATCH + 199) + ".py")).isEqualTo(1);
            });
            assertThat(sessionsWith(alice, "file0.py")).isEqualTo(1);
            assertThat(alice.get("/api/v1/sessions/claude-code/laptop/old-0").json().get("files"))
                    .hasSize((FilesBackfill.BATCH + 200 + 2) / 3);
            assertThat(backfillPendingGauge(after)).isZero();
            try (DatabaseProbe probe = DatabaseProbe.open(url, BACKEND.user())) {
                assertThat(probe.number("SELECT done - up_to FROM files_backfill")).isZero();
                assertThat(probe.number("SELECT count(*) FROM turn_files")).isEqualTo(FilesBackfill.BATCH + 200 + 2);
            }
        } finally {
            after.after();
        }
    }
}
