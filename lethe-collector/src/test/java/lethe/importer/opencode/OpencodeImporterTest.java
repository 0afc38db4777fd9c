package lethe.importer.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.importer.ImportOptions;
import lethe.importer.ImportReport;
import lethe.importer.Progress;
import lethe.importer.SourceFixtures;
import lethe.importer.SourceFixtures.Delivered;
import lethe.importer.TurnSink;
import lethe.importer.sources.UnitImporter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static lethe.importer.ImporterFixtures.JSON;
import static lethe.importer.ImporterFixtures.silent;
import static lethe.importer.SourceFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The opencode importer over a real opencode.db and the legacy storage tree. */
class OpencodeImporterTest {

    static final String STORAGE_SESSION = "s_stage0_large";

    final Path home = SourceFixtures.home("opencode");
    final Path dataDir = home.resolve(".local/share/opencode");
    final Path database = dataDir.resolve("opencode.db");
    final Path state = home.resolve("state/import-opencode.json");

    @Test
    void everySessionOfTheDatabaseAndOfTheStorageTreeIsSentOnceWithItsDirectoryAndTitle() throws IOException {
        Delivered delivered = new Delivered();
        ImportReport report = run(delivered);

        List<JsonNode> turns = delivered.turns();
        assertThat(turns.stream().map(turn -> turn.path("session_id").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("session_parser_fix", "session_add_tests", "session_refactor_api",
                        "session_missing_proj_01", STORAGE_SESSION, "test-session-1");
        assertThat(turns.stream().map(SourceFixtures::key).distinct()).hasSize(turns.size());
        assertThat(report.filesSeen()).as("five sessions in the database, two in the tree").isEqualTo(7);
        JsonNode meta = meta(turns, "session_parser_fix");
        assertThat(meta.path("cwd").asText()).isEqualTo("tests/fixtures/worktrees/my-present-project");
        assertThat(meta.path("title").asText()).isEqualTo("Fix bug in parser");
        assertThat(meta(turns, STORAGE_SESSION).path("cwd").asText()).isEqualTo("/tmp/large");
        assertThat(turns.stream().filter(turn -> turn.path("session_id").asText().equals("session_parser_fix"))
                .map(turn -> turn.path("turn_id").asText())).containsExactly("part_parser_text_01", "part_parser_text_02",
                "part_parser_tool_01", "part_parser_tool_01#result", "part_parser_text_03", "part_parser_text_04",
                "part_parser_tool_02", "part_parser_tool_02#result", "part_parser_tool_03");
    }

    @Test
    void everyToolPartBecomesAStructuredCallAndAFinishedOneItsResult() throws IOException {
        Delivered delivered = new Delivered();
        run(delivered);

        List<JsonNode> turns = delivered.turns();
        List<JsonNode> calls = turns.stream().filter(turn -> turn.path("kind").asText().equals("tool_use")).toList();
        assertThat(calls).hasSize(13).allSatisfy(call -> assertThat(call.path("tool_call").path("input").isObject()).isTrue());
        List<JsonNode> results = turns.stream().filter(turn -> turn.path("kind").asText().equals("tool_result")).toList();
        assertThat(results).hasSize(9).allSatisfy(result -> assertThat(calls).anyMatch(call ->
                call.path("tool_call").path("id").asText().equals(result.path("tool_result").path("call_id").asText())));
        JsonNode failed = results.stream().filter(result -> result.path("session_id").asText().equals(STORAGE_SESSION)).findFirst().orElseThrow();
        assertThat(failed.path("tool_result").path("is_error").asBoolean()).isTrue();
        assertThat(failed.path("content").asText()).startsWith("ls: /non-existent-directory");
        assertThat(turns).anySatisfy(turn -> assertThat(turn.path("tool_call").path("name").asText()).isEqualTo("subtask"));
    }

    @Test
    void tokensOfEachResponseAreStoredOnceOnItsLastTurn() throws IOException {
        Delivered delivered = new Delivered();
        run(delivered);

        Map<String, JsonNode> usage = new TreeMap<>();
        delivered.turns().stream().filter(turn -> turn.has("usage")).forEach(turn -> usage.put(turn.path("session_id").asText(), turn.path("usage")));
        assertThat(usage.get("session_add_tests").toString())
                .isEqualTo("{\"input_tokens\":150,\"output_tokens\":85,\"cache_read_tokens\":50,\"cache_write_tokens\":25}");
        assertThat(usage.get(STORAGE_SESSION).path("input_tokens").asLong()).isEqualTo(120);
        assertThat(delivered.turns().stream().filter(turn -> turn.path("session_id").asText().equals(STORAGE_SESSION) && turn.has("usage")))
                .hasSize(1);
    }

    @Test
    void aChildSessionLinksToItsParent() throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            addMessage(writer, "session_fork_parser", "msg_fork_user_01", "part_fork_text_01", "Try a recursive-descent parser instead.");
        }
        Delivered delivered = new Delivered();
        run(delivered);

        assertThat(meta(delivered.turns(), "session_fork_parser").path("parent_session_id").asText()).isEqualTo("session_parser_fix");
    }

    @Test
    void unknownPartsAreCountedByType() throws IOException {
        Files.writeString(dataDir.resolve("storage/part/m_assistant_large_2/009.json"),
                "{\"id\":\"p_zz_hologram\",\"sessionID\":\"s_stage0_large\",\"messageID\":\"m_assistant_large_2\",\"type\":\"hologram\"}");

        ImportReport report = run(new Delivered());

        Map<String, Long> skipped = new TreeMap<>();
        report.files().values().forEach(tally -> tally.skipped().forEach((reason, count) -> skipped.merge(reason, count, Long::sum)));
        assertThat(skipped).containsEntry("unknown part: hologram", 1L).containsEntry("not conversation: part step-start", 1L);
    }

    @Test
    void aSessionThatGrewInTheDatabaseSendsOnlyWhatIsNew() throws Exception {
        run(new Delivered());
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            addMessage(writer, "session_parser_fix", "msg_parser_user_03", "part_parser_text_05", "And a test for it, please.");
        }

        Delivered second = new Delivered();
        run(second);
        Delivered third = new Delivered();
        run(third);

        assertThat(second.turns().stream().map(SourceFixtures::key)).containsExactly("session_parser_fix/part_parser_text_05");
        assertThat(third.turns()).isEmpty();
    }

    @Test
    void theDatabaseIsReadWhileOpencodeIsWritingToIt() throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (Statement statement = writer.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
            }
            writer.setAutoCommit(false);
            addMessage(writer, "session_parser_fix", "msg_parser_user_03", "part_parser_text_05", "Written while importing.");

            Delivered during = new Delivered();
            run(during);

            assertThat(during.turns()).as("every committed turn of the fixtures").hasSize(43).noneMatch(turn -> turn.path("turn_id").asText().equals("part_parser_text_05"));
            writer.commit();
        }
        Delivered after = new Delivered();
        run(after);
        assertThat(after.turns().stream().map(SourceFixtures::key)).containsExactly("session_parser_fix/part_parser_text_05");
    }

    @Test
    void aRunStoppedMidwayIsFinishedByTheNextWithNothingLostAndNothingSentTwice() throws IOException {
        Delivered stopped = new Delivered(3);
        assertThatThrownBy(() -> run(stopped, options().withBatchLines(5))).hasMessageContaining("connection reset");
        Delivered resumed = new Delivered();
        run(resumed, options().withBatchLines(5));

        Delivered whole = new Delivered();
        run(whole, options().withStateFile(Files.createTempDirectory("state").resolve("fresh.json")));
        assertThat(stopped.turns()).hasSize(10);
        Map<String, String> union = new TreeMap<>();
        stopped.turns().forEach(turn -> union.put(key(turn), turn.toString()));
        resumed.turns().forEach(turn -> assertThat(union.put(key(turn), turn.toString())).as("sent twice: %s", key(turn)).isNull());
        Map<String, String> all = new TreeMap<>();
        whole.turns().forEach(turn -> all.put(key(turn), turn.toString()));
        assertThat(union).isEqualTo(all);
    }

    /** A user message with one text part, as opencode writes them. */
    private static void addMessage(Connection writer, String session, String message, String part, String text) throws SQLException {
        long now = 1_704_100_000_000L;
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES ('" + message
                    + "', '" + session + "', " + now + ", " + now + ", '{\"id\":\"" + message + "\",\"sessionID\":\"" + session
                    + "\",\"role\":\"user\",\"time\":{\"created\":" + now + "}}')");
            statement.executeUpdate("INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES ('"
                    + part + "', '" + message + "', '" + session + "', " + now + ", " + now + ", '{\"type\":\"text\",\"text\":\""
                    + text + "\"}')");
        }
    }

    private static JsonNode meta(List<JsonNode> turns, String session) {
        return turns.stream().filter(turn -> turn.path("session_id").asText().equals(session) && turn.has("session_meta"))
                .findFirst().orElseThrow().path("session_meta");
    }

    private ImportOptions options() {
        return SourceFixtures.options(Opencode.defaultRoots(Map.of(), home), state);
    }

    private ImportReport run(TurnSink sink) throws IOException {
        return run(sink, options());
    }

    private ImportReport run(TurnSink sink, ImportOptions options) throws IOException {
        try (UnitImporter importer = UnitImporter.open(Opencode.SOURCE, options.roots(),
                new Opencode(options.roots(), home, JSON, options.host(), options.maxAttachmentBytes()), options, sink, JSON, new Progress(silent(), false))) {
            return importer.pass();
        }
    }
}
