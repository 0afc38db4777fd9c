package lethe.cli;

import lethe.testing.JarCommands;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static lethe.importer.ImporterFixtures.EDGE_CASES;
import static lethe.importer.ImporterFixtures.copyOfFixtures;
import static org.assertj.core.api.Assertions.assertThat;

/** The collector's commands, now living in lethe-collector, are still commands of {@code lethe.jar}. */
class CollectorCommandAdapterTest {

    @Test
    void importRunsInLetheJarAsInTheCollectorJar() {
        Path transcripts = copyOfFixtures().resolve(EDGE_CASES);

        JarCommands.Result result = JarCommands.run("import", "claude-code", transcripts.toString(), "--dry-run", "--host", "laptop");

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(result.out().lines()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{\"tool\":\"claude-code\",\"host\":\"laptop\""));
        assertThat(result.err()).contains("dry run:");
    }

    @Test
    void anExpectedFailureIsOneSentenceWithoutAStackTrace() {
        JarCommands.Result result = JarCommands.run("import", "claude-code", "/nowhere/at/all", "--dry-run");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.err()).contains("lethe import: /nowhere/at/all does not exist").doesNotContain("\tat ");
    }
}
