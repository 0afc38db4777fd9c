package lethe.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static lethe.files.ToolCalls.patch;
import static lethe.testing.Turns.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Which inputs name files, beyond the common shapes FilesApiTest sends through the app. */
class TouchedFilesTest {

    private final TouchedFiles touched = new TouchedFiles(new ObjectMapper());

    @Test
    void aPatchRunByAShellCommandOrUnderPatchCountsButOneMerelyMentionedDoesNot() {
        String heredoc = "apply_patch <<'EOF'\n" + patch("*** Update File: a/b.py") + "EOF";
        assertThat(touched.of("shell", "{\"command\":[\"bash\",\"-lc\"," + quote(heredoc) + "]}"))
                .isEqualTo(Map.of("a/b.py", true));
        assertThat(touched.of("apply_patch", "{\"patch\":" + quote(patch("*** Add File: new.txt")) + "}"))
                .isEqualTo(Map.of("new.txt", true));
        assertThat(touched.of("Bash", "{\"command\":" + quote("echo '" + patch("*** Add File: x.txt") + "'") + "}"))
                .isEmpty();
    }

    @Test
    void toolNamesAreComparedWithoutCaseAndAReadThenEditIsChanged() {
        assertThat(touched.of("READ_FILE", "{\"absolute_path\":\"/p/a.md\"}")).isEqualTo(Map.of("/p/a.md", false));
        assertThat(touched.of("apply_patch", "{\"input\":" + quote(patch("*** Update File: x.py", "*** Move to: y.py",
                "*** Update File: x.py")) + "}")).isEqualTo(Map.of("x.py", true, "y.py", true));
    }

    @Test
    void whatIsNotAPathOrNotAFileToolTouchesNothing() {
        assertThat(touched.of("Grep", "{\"pattern\":\"TODO\",\"path\":\"/p/src\"}")).isEmpty();
        assertThat(touched.of("Read", "{\"file_path\":42}")).isEmpty();
        assertThat(touched.of("Read", "{\"file_path\":\"  \"}")).isEmpty();
        assertThat(touched.of("Read", "{\"file_path\":\"a\\u0000b\"}")).isEmpty();
        assertThat(touched.of("Read", "[\"not an object\"]")).isEmpty();
        assertThat(touched.of("Read", "not json")).isEmpty();
        assertThat(touched.of(null, "{\"file_path\":\"/p/a\"}")).isEmpty();
    }
}
