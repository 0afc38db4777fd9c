package lethe.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.DatabaseProbe;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static lethe.files.ToolCalls.call;
import static lethe.files.ToolCalls.patch;
import static lethe.files.ToolCalls.path;
import static lethe.files.ToolCalls.user;
import static lethe.testing.Turns.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19: the files a session's tool calls read or changed, the file= filter and a session's files. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FilesApiTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    @BeforeAll
    static void transcripts() {
        String proj = "/home/alice/proj";
        ingest("alice",
                user("claude-code", "cc", "u0", 0, "osprey: fix the parser"),
                call("claude-code", "cc", "c1", 1, proj, "Read", "Read src/app.py",
                        "{\"file_path\":\"/home/alice/proj/src/app.py\",\"limit\":200}"),
                call("claude-code", "cc", "c2", 2, proj, "Edit", "Edit src/app.py",
                        "{\"file_path\":\"/home/alice/proj/src/app.py\",\"old_string\":\"a\",\"new_string\":\"b\",\"replace_all\":false}"),
                call("claude-code", "cc", "c3", 3, proj, "MultiEdit", "MultiEdit lib/util.py",
                        "{\"file_path\":\"/home/alice/proj/lib/util.py\",\"edits\":[{\"old_string\":\"x\",\"new_string\":\"y\"}]}"),
                call("claude-code", "cc", "c4", 4, proj, "Write", "Write notes.md",
                        "{\"file_path\":\"/home/alice/proj/notes.md\",\"content\":\"hello\"}"),
                call("claude-code", "cc", "c5", 5, proj, "NotebookEdit", "NotebookEdit analysis.ipynb",
                        "{\"notebook_path\":\"/home/alice/proj/analysis.ipynb\",\"new_source\":\"print(1)\",\"cell_id\":\"x\"}"),
                call("claude-code", "cc", "c6", 6, proj, "Bash", "$ cat other.py",
                        "{\"command\":\"cat /home/alice/proj/other.py\"}"),
                user("codex", "cx", "u0", 0, "osprey patch"),
                call("codex", "cx", "x1", 1, "/home/alice/proj2", "apply_patch", "apply_patch",
                        "{\"input\":" + quote(patch("*** Update File: src/app.py", "*** Add File: docs/new.md",
                                "*** Delete File: old.txt")) + "}"),
                call("codex", "cx", "x2", 2, "/home/alice/proj2", "apply_patch", "apply_patch",
                        "{\"input\":" + quote(patch("*** Update File: src/main.rs", "*** Move to: src/lib.rs")) + "}"),
                call("codex", "cx", "x3", 3, "/home/alice/proj2", "shell", "$ apply_patch",
                        "{\"command\":[\"apply_patch\"," + quote(patch("*** Update File: build.sh"))
                                + "],\"workdir\":\"/home/alice/proj2\"}"),
                user("gemini", "gm", "u0", 0, "osprey gemini"),
                call("gemini", "gm", "g1", 1, "/home/alice/g", "read_file", "read_file README.md",
                        path("absolute_path", "/home/alice/g/README.md")),
                call("gemini", "gm", "g2", 2, "/home/alice/g", "write_file", "write_file out.txt",
                        "{\"file_path\":\"/home/alice/g/out.txt\",\"content\":\"x\"}"),
                call("gemini", "gm", "g3", 3, "/home/alice/g", "replace", "replace src/App.tsx",
                        "{\"file_path\":\"/home/alice/g/src/App.tsx\",\"old_string\":\"a\",\"new_string\":\"b\"}"),
                user("opencode", "oc", "u0", 0, "osprey opencode"),
                call("opencode", "oc", "o1", 1, "/home/alice/o", "read", "read package.json",
                        path("filePath", "/home/alice/o/package.json")),
                call("opencode", "oc", "o2", 2, "/home/alice/o", "write", "write index.ts",
                        "{\"filePath\":\"/home/alice/o/index.ts\",\"content\":\"x\"}"),
                call("opencode", "oc", "o3", 3, "/home/alice/o", "edit", "edit src/app.py",
                        "{\"filePath\":\"/home/alice/o/src/app.py\",\"oldString\":\"a\",\"newString\":\"b\"}"));
        ingest("bob",
                user("claude-code", "bobs", "u0", 0, "osprey of bob"),
                call("claude-code", "bobs", "c1", 1, "/home/bob", "Edit", "Edit src/app.py",
                        "{\"file_path\":\"/home/bob/src/app.py\",\"old_string\":\"a\",\"new_string\":\"b\"}"));
    }

    private static void ingest(String owner, String... lines) {
        Http.Response response = as(owner).ingest(String.join("\n", lines) + "\n");
        assertThat(response.json().get("errors")).as(response.toString()).isEmpty();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> listed(String user, String query) {
        Http.Response response = as(user).get("/api/v1/sessions?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(response.json().get("sessions"));
    }

    private static List<String> searched(String user, String query) {
        Http.Response response = as(user).get("/api/v1/search?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(response.json().get("sessions"));
    }

    private static List<String> ids(JsonNode sessions) {
        return StreamSupport.stream(sessions.spliterator(), false).map(s -> s.get("session_id").asText()).toList();
    }

    private static JsonNode files(String user, String session, String tool) {
        Http.Response response = as(user).get("/api/v1/sessions/" + tool + "/laptop/" + session);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("files");
    }

    private static String file(String path, boolean read, boolean changed, String... turns) {
        return "{\"path\":" + quote(path) + ",\"read\":" + read + ",\"changed\":" + changed + ",\"turns\":"
                + Http.JSON.valueToTree(List.of(turns)) + "}";
    }

    private static JsonNode json(String... files) throws Exception {
        return Http.JSON.readTree("[" + String.join(",", files) + "]");
    }

    @Test
    void claudeCodesFileToolsGiveTheSessionsFilesSortedByPathWithTheTurnsThatTouchedThem() throws Exception {
        assertThat(files("alice", "cc", "claude-code")).isEqualTo(json(
                file("/home/alice/proj/analysis.ipynb", false, true, "c5"),
                file("/home/alice/proj/lib/util.py", false, true, "c3"),
                file("/home/alice/proj/notes.md", false, true, "c4"),
                file("/home/alice/proj/src/app.py", true, true, "c1", "c2")));
    }

    @Test
    void codexPatchHeadersGiveEveryAddedUpdatedDeletedAndMovedFile() throws Exception {
        assertThat(files("alice", "cx", "codex")).isEqualTo(json(
                file("build.sh", false, true, "x3"),
                file("docs/new.md", false, true, "x1"),
                file("old.txt", false, true, "x1"),
                file("src/app.py", false, true, "x1"),
                file("src/lib.rs", false, true, "x2"),
                file("src/main.rs", false, true, "x2")));
    }

    @Test
    void geminiAndOpencodeFileToolsGiveTheirFiles() throws Exception {
        assertThat(files("alice", "gm", "gemini")).isEqualTo(json(
                file("/home/alice/g/README.md", true, false, "g1"),
                file("/home/alice/g/out.txt", false, true, "g2"),
                file("/home/alice/g/src/App.tsx", false, true, "g3")));
        assertThat(files("alice", "oc", "opencode")).isEqualTo(json(
                file("/home/alice/o/index.ts", false, true, "o2"),
                file("/home/alice/o/package.json", true, false, "o1"),
                file("/home/alice/o/src/app.py", false, true, "o3")));
    }

    @Test
    void fileMatchesWholeTrailingPathSegments() {
        assertThat(listed("alice", "file=app.py")).containsExactlyInAnyOrder("cc", "cx", "oc");
        assertThat(listed("alice", "file=src/app.py")).containsExactlyInAnyOrder("cc", "cx", "oc");
        assertThat(listed("alice", "file=proj/src/app.py")).containsExactly("cc");
        assertThat(listed("alice", "file=" + encoded("/home/alice/proj/src/app.py"))).containsExactly("cc");
        assertThat(listed("alice", "file=rc/app.py")).isEmpty();
        assertThat(listed("alice", "file=pp.py")).isEmpty();
        assertThat(listed("alice", "file=App.tsx")).containsExactly("gm");
        assertThat(listed("alice", "file=src/main.rs")).containsExactly("cx");
        assertThat(listed("alice", "file=other.py")).isEmpty();
    }

    @Test
    void searchTakesFileGroupedAndPerTurnCombinedWithTheOtherFilters() {
        assertThat(searched("alice", "q=osprey&file=app.py")).containsExactlyInAnyOrder("cc", "cx", "oc");
        assertThat(searched("alice", "q=osprey&file=app.py&tool=codex")).containsExactly("cx");
        assertThat(searched("alice", "q=osprey&file=README.md&role=user")).containsExactly("gm");
        assertThat(searched("alice", "q=osprey&file=README.md&project=/home/alice/proj")).isEmpty();
        assertThat(searched("alice", "q=util.py&file=util.py")).containsExactly("cc");
        JsonNode perTurn = as("alice").get("/api/v1/search?group=turn&q=osprey&file=util.py").json();
        assertThat(ids(perTurn.get("hits"))).containsExactly("cc");
        assertThat(listed("alice", "file=app.py&tool=opencode")).containsExactly("oc");
    }

    @Test
    void anotherUsersFilesNeverShowAndAdminsSeeThemOnlyWithOwner() {
        assertThat(listed("bob", "file=app.py")).containsExactly("bobs");
        assertThat(searched("bob", "q=osprey&file=app.py")).containsExactly("bobs");
        assertThat(listed("bob", "file=README.md")).isEmpty();
        assertThat(as("bob").get("/api/v1/sessions?file=app.py&owner=alice").status()).isEqualTo(403);
        assertThat(as("bob").get("/api/v1/sessions/claude-code/laptop/cc").status()).isEqualTo(404);
        assertThat(listed("carol", "file=app.py")).isEmpty();
        assertThat(listed("carol", "file=app.py&owner=*")).containsExactlyInAnyOrder("cc", "cx", "oc", "bobs");
        assertThat(searched("carol", "q=osprey&file=app.py&owner=bob")).containsExactly("bobs");
    }

    @Test
    void aReSentTurnReplacesItsFiles() throws Exception {
        String project = "/home/alice/rs";
        ingest("alice", call("claude-code", "rs", "r1", 1, project, "Edit", "Edit first.py",
                path("file_path", "/home/alice/rs/first.py")));
        assertThat(listed("alice", "file=first.py")).containsExactly("rs");

        ingest("alice", call("claude-code", "rs", "r1", 1, project, "Write", "Write second.py",
                path("file_path", "/home/alice/rs/second.py")));
        assertThat(files("alice", "rs", "claude-code")).isEqualTo(json(file("/home/alice/rs/second.py", false, true, "r1")));
        assertThat(listed("alice", "file=first.py")).isEmpty();

        // Twice in one request: the last copy is what is stored, and its files.
        ingest("alice",
                call("claude-code", "rs", "r1", 1, project, "Read", "Read third.py", path("file_path", "/home/alice/rs/third.py")),
                call("claude-code", "rs", "r1", 1, project, "Read", "Read fourth.py", path("file_path", "/home/alice/rs/fourth.py")));
        assertThat(files("alice", "rs", "claude-code")).isEqualTo(json(file("/home/alice/rs/fourth.py", true, false, "r1")));

        ingest("alice", user("claude-code", "rs", "r1", 1, "no tool call any more"));
        assertThat(files("alice", "rs", "claude-code")).isEmpty();
    }

    @Test
    void deletingASessionDeletesItsFiles() {
        ingest("alice", call("claude-code", "del", "d1", 1, "/home/alice/del", "Edit", "Edit gone.py",
                path("file_path", "/home/alice/del/gone.py")));
        assertThat(listed("alice", "file=gone.py")).containsExactly("del");

        assertThat(as("alice").method("DELETE", "/api/v1/sessions/claude-code/laptop/del").status()).isEqualTo(204);

        assertThat(listed("alice", "file=gone.py")).isEmpty();
        try (DatabaseProbe probe = DatabaseProbe.open(APP)) {
            assertThat(probe.number("SELECT count(*) FROM turn_files WHERE path = '/home/alice/del/gone.py'")).isZero();
        }
    }

    @Test
    void aFileValueThatCannotBeAPathIs400WithItsCode() {
        for (String query : List.of("/api/v1/sessions?file=%01", "/api/v1/search?q=osprey&file=%01",
                "/api/v1/sessions?file=src/", "/api/v1/search?q=osprey&file=" + "a".repeat(4097))) {
            Http.Response response = as("alice").get(query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("code").asText()).isEqualTo("INVALID");
        }
    }
}
