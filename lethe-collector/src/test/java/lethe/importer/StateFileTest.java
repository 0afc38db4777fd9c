package lethe.importer;

import lethe.importer.claudecode.PendingTitle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static lethe.importer.ImporterFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateFileTest {

    @Test
    void progressAndPendingTitlesSurviveAReopen() throws IOException {
        Path path = Files.createTempDirectory("state").resolve("nested/import.json");
        try (StateFile file = StateFile.open(path, JSON)) {
            ImportState state = file.load();
            state.put("/p/s.jsonl", new FileState("(dev=1,ino=2)", 1700000000000L, 1234, 7, "ab12"));
            state.addPendingTitle(new PendingTitle("leaf", "A title", "/p"));
            file.save(state);
        }
        try (StateFile file = StateFile.open(path, JSON)) {
            ImportState state = file.load();
            assertThat(state.file("/p/s.jsonl")).isEqualTo(new FileState("(dev=1,ino=2)", 1700000000000L, 1234, 7, "ab12"));
            assertThat(state.pendingTitles()).containsExactly(new PendingTitle("leaf", "A title", "/p"));
        }
        assertThat(path.resolveSibling("import.json.tmp")).doesNotExist();
    }

    @Test
    void twoImportsCannotShareOneStateFile() throws IOException {
        Path path = Files.createTempDirectory("state").resolve("import.json");
        try (StateFile first = StateFile.open(path, JSON)) {
            assertThatThrownBy(() -> StateFile.open(path, JSON))
                    .isInstanceOf(ImportFailure.class)
                    .hasMessageContaining("another import is running");
        }
        StateFile.open(path, JSON).close();
    }

    @Test
    void aDamagedStateFileIsReportedWithWhatToDo() throws IOException {
        Path path = Files.createTempDirectory("state").resolve("import.json");
        Files.writeString(path, "{\"files\": {\"/p\": ");
        try (StateFile file = StateFile.open(path, JSON)) {
            assertThatThrownBy(file::load)
                    .isInstanceOf(ImportFailure.class)
                    .hasMessageContaining("is not readable")
                    .hasMessageContaining("move it away");
        }
    }
}
