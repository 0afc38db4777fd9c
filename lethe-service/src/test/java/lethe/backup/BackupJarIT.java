package lethe.backup;

import lethe.testing.LetheProcess;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The backup command as cron runs it: the shipped jar, beside a running lethe, judged by its exit code. */
class BackupJarIT {

    @TempDir
    Path directory;

    @Test
    void theJarBacksUpARunningLetheAndRefusesToOverwrite() throws Exception {
        try (LetheProcess lethe = LetheProcess.start(directory, "15s")) {
            assertThat(lethe.app().as("alice").ingest(Turns.line("cron", "t1", 0, "user", 1700000000, "hi") + "\n").status())
                    .isEqualTo(200);
            Path target = directory.resolve("backups/lethe-nightly.db");

            LetheProcess.Finished first = LetheProcess.run(directory, "backup", lethe.config().toString(), target.toString());
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).contains("backup written to " + target + ": ").contains("1 sessions, 1 turns, integrity_check ok");
            long size = Files.size(target);

            LetheProcess.Finished second = LetheProcess.run(directory, "backup", lethe.config().toString(), target.toString());
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.stderr()).contains("backup failed: " + target + " already exists; pass --force to overwrite it");
            assertThat(Files.size(target)).isEqualTo(size);
        }
    }
}
