package lethe.importer.gemini;

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
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static lethe.importer.ImporterFixtures.JSON;
import static lethe.importer.ImporterFixtures.silent;
import static lethe.importer.SourceFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Gemini CLI importer over real chat files, both the {@code .json} record and the {@code .jsonl} log. */
class GeminiImporterTest {

    static final String PLAYGROUND = "981c87cb-90ef-4c7f-948d-23173ff43e4e";
    static final String METRICS = "5b959dae-8655-4cd1-b10f-720b8c336ea2";
    static final String JSONL = "0ab84937-9fe7-4284-986a-33c832af0b6a";
    static final String SUBAGENT = "7f3c2a10-5d4e-4b8a-9c61-2e0f1a2b3c4d";
    static final Path PLAYGROUND_FILE = Path.of(".gemini/tmp/1b37d21d2d347dc4deb92958752b51d6f657340fc961f32748333b8ed807a684"
            + "/chats/session-2025-10-27T19-55-981c87cb.json");
    static final Path JSONL_FILE = Path.of(".gemini/tmp/vibe/chats/session-2026-04-23T12-52-0ab84937.jsonl");
    static final Path SUBAGENT_FILE = Path.of(".gemini/tmp/vibe/chats/" + JSONL + "/" + SUBAGENT + ".jsonl");

    final Path home = SourceFixtures.home("gemini");
    final Path state = home.resolve("state/import-gemini.json");

    @Test
    void everyChatFileBecomesOneSessionInItsProjectDirectoryAndNoTurnIsSentTwice() throws IOException {
        Delivered delivered = new Delivered();
        ImportReport report = run(delivered);

        List<JsonNode> turns = delivered.turns();
        assertThat(turns.stream().map(turn -> turn.path("session_id").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(PLAYGROUND, "453aa339-7d2b-4709-a41a-b0b73beaff85", METRICS, JSONL, SUBAGENT,
                        "sess-uuid-1", "sess-uuid-thinking", "sess-uuid-2", "sess-uuid-tool-results");
        assertThat(turns.stream().map(SourceFixtures::key).distinct()).hasSize(turns.size());
        assertThat(report.filesSeen()).isEqualTo(9);
        assertThat(meta(turns, PLAYGROUND).path("cwd").asText()).isEqualTo("/Users/jnarowski/Dev/playground/src/test-project");
        assertThat(meta(turns, METRICS).path("cwd").asText()).isEqualTo("/Users/Jane_Smith/Documents/projects/epm-cdme/assistants");
        assertThat(meta(turns, JSONL).has("cwd")).isFalse();
        assertThat(meta(turns, JSONL).path("gemini_project").asText()).isEqualTo("vibe");
        assertThat(meta(turns, PLAYGROUND).path("source_file").asText()).isEqualTo("~/" + PLAYGROUND_FILE);
        assertThat(turns.stream().filter(turn -> turn.path("kind").asText().equals("thinking"))).hasSizeGreaterThan(20);
    }

    @Test
    void everyToolCallBecomesAStructuredCallAndItsResultWithCancelledAndFailedCallsAsErrors() throws IOException {
        Delivered delivered = new Delivered();
        run(delivered);

        List<JsonNode> turns = delivered.turns();
        List<JsonNode> calls = turns.stream().filter(turn -> turn.path("kind").asText().equals("tool_use")).toList();
        Set<String> callIds = calls.stream().map(call -> call.path("session_id").asText() + "/" + call.path("tool_call").path("id").asText())
                .collect(Collectors.toSet());
        assertThat(calls).hasSizeGreaterThan(30).allSatisfy(call -> assertThat(call.path("tool_call").path("input").isObject()).isTrue());
        List<JsonNode> results = turns.stream().filter(turn -> turn.path("kind").asText().equals("tool_result")).toList();
        assertThat(results).hasSizeGreaterThan(30).allSatisfy(result -> assertThat(callIds)
                .contains(result.path("session_id").asText() + "/" + result.path("tool_result").path("call_id").asText()));
        List<JsonNode> failed = results.stream().filter(result -> result.path("session_id").asText().equals(PLAYGROUND)
                && result.path("tool_result").path("is_error").asBoolean()).toList();
        assertThat(failed).hasSize(2);
        assertThat(failed).anySatisfy(result -> assertThat(result.path("content").asText()).contains("User cancelled the operation"));
    }

    @Test
    void aMessagesTokensAreStoredOnceAndAddUpToGeminisOwnTotal() throws IOException {
        Delivered delivered = new Delivered();
        run(delivered);

        long stored = delivered.turns().stream().filter(turn -> turn.path("session_id").asText().equals(PLAYGROUND))
                .mapToLong(turn -> turn.path("usage").path("input_tokens").asLong(0) + turn.path("usage").path("output_tokens").asLong(0)
                        + turn.path("usage").path("cache_read_tokens").asLong(0)).sum();
        long total = 0;
        for (JsonNode message : JSON.readTree(home.resolve(PLAYGROUND_FILE).toFile()).path("messages")) {
            total += message.path("tokens").path("total").asLong(0);
        }
        assertThat(stored).isEqualTo(total).isPositive();
    }

    @Test
    void aSubagentChatLinksToTheSessionThatRanIt() throws IOException {
        Delivered delivered = new Delivered();
        run(delivered);

        JsonNode meta = meta(delivered.turns(), SUBAGENT);
        assertThat(meta.path("parent_session_id").asText()).isEqualTo(JSONL);
        assertThat(meta.path("agent").asText()).isEqualTo("subagent");
    }

    @Test
    void unknownRecordsAreCountedAndAMalformedLineIsReportedWithItsLine() throws IOException {
        Files.writeString(home.resolve(JSONL_FILE), "{\"id\":\"x1\",\"timestamp\":\"2026-04-23T13:00:00Z\",\"type\":\"hologram\",\"content\":\"?\"}\n"
                + "{\"id\":\"x2\",\"timestamp\n", StandardOpenOption.APPEND);

        ImportReport report = run(new Delivered());

        assertThat(report.files().get("~/" + JSONL_FILE).skipped()).containsEntry("unknown message type: hologram", 1L)
                .containsEntry("$set", 11L);
        assertThat(report.files().get("~/" + JSONL_FILE).malformedListed()).containsExactly("line 30: not valid JSON");
    }

    @Test
    void aSecondRunSendsOnlyTheMessagesAddedSinceAndARewindKeepsWhatWasSent() throws IOException {
        run(new Delivered());
        Files.writeString(home.resolve(SUBAGENT_FILE),
                "{\"$rewindTo\":\"b1a0c9e2-0003-4d2e-8f00-000000000003\"}\n"
                        + "{\"id\":\"b1a0c9e2-0004-4d2e-8f00-000000000004\",\"timestamp\":\"2026-04-23T12:54:00.000Z\",\"type\":\"gemini\","
                        + "\"content\":\"src holds main.rs and lib.rs.\",\"model\":\"gemini-2.5-flash\"}\n", StandardOpenOption.APPEND);
        JsonNode record = JSON.readTree(home.resolve(PLAYGROUND_FILE).toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) record.path("messages")).addObject()
                .put("id", "added-by-test").put("timestamp", "2025-10-27T20:30:00.000Z").put("type", "user").put("content", "thanks");
        JSON.writeValue(home.resolve(PLAYGROUND_FILE).toFile(), record);

        Delivered second = new Delivered();
        run(second);
        Delivered third = new Delivered();
        run(third);

        assertThat(second.turns().stream().map(SourceFixtures::key))
                .containsExactlyInAnyOrder(SUBAGENT + "/b1a0c9e2-0004-4d2e-8f00-000000000004", PLAYGROUND + "/added-by-test");
        assertThat(third.turns()).isEmpty();
    }

    @Test
    void aRunStoppedMidwayIsFinishedByTheNextWithNothingLostAndNothingSentTwice() throws IOException {
        Delivered stopped = new Delivered(3);
        assertThatThrownBy(() -> run(stopped, options().withBatchLines(20))).hasMessageContaining("connection reset");
        Delivered resumed = new Delivered();
        run(resumed, options().withBatchLines(20));

        Delivered whole = new Delivered();
        run(whole, options().withStateFile(Files.createTempDirectory("state").resolve("fresh.json")));
        assertThat(stopped.turns()).hasSize(40);
        Map<String, String> union = new TreeMap<>();
        stopped.turns().forEach(turn -> union.put(key(turn), turn.toString()));
        resumed.turns().forEach(turn -> assertThat(union.put(key(turn), turn.toString())).as("sent twice: %s", key(turn)).isNull());
        Map<String, String> all = new TreeMap<>();
        whole.turns().forEach(turn -> all.put(key(turn), turn.toString()));
        assertThat(union).isEqualTo(all);
    }

    private static JsonNode meta(List<JsonNode> turns, String session) {
        return turns.stream().filter(turn -> turn.path("session_id").asText().equals(session) && turn.has("session_meta"))
                .findFirst().orElseThrow().path("session_meta");
    }

    private ImportOptions options() {
        return SourceFixtures.options(GeminiChats.defaultRoots(Map.of(), home), state);
    }

    private ImportReport run(TurnSink sink) throws IOException {
        return run(sink, options());
    }

    private ImportReport run(TurnSink sink, ImportOptions options) throws IOException {
        GeminiChats chats = new GeminiChats(options.roots(), GeminiChats.geminiDir(Map.of(), home), home,
                new GeminiMapper(JSON, options.host(), options.maxAttachmentBytes()), JSON);
        try (UnitImporter importer = UnitImporter.open(GeminiChats.SOURCE, options.roots(), chats, options, sink, JSON,
                new Progress(silent(), false))) {
            return importer.pass();
        }
    }
}
