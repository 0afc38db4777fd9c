package lethe.importer.codex;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.importer.ImportOptions;
import lethe.importer.ImportReport;
import lethe.importer.Progress;
import lethe.importer.SourceFixtures;
import lethe.importer.SourceFixtures.Delivered;
import lethe.importer.TurnSink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
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

/** The Codex importer over real rollouts of Codex 0.40 to 0.129 (test resources {@code codex/}). */
class CodexImporterTest {

    static final String CAPTURED = "019e1625-789d-76c0-80ab-3724b5ddb799";
    static final String OLDER = "01997ea4-a70d-7da3-8c20-c736db82a7c5";
    static final String PARENT = "spawn-test-uuid";
    static final String CHILD = "019e1b6e-4a3c-7d2e-9b10-5f6a7b8c9d0e";
    static final Path CAPTURED_FILE = Path.of(".codex/sessions/2026/05/11/rollout-2026-05-11T11-26-55-" + CAPTURED + ".jsonl");

    final Path home = SourceFixtures.home("codex");
    final Path state = home.resolve("state/import-codex.json");

    @Test
    void everyRolloutWithConversationBecomesOneSessionAndNoTurnIsSentTwice() throws IOException {
        Delivered delivered = new Delivered();
        ImportReport report = run(delivered);

        List<JsonNode> turns = delivered.turns();
        Set<String> sessions = turns.stream().map(turn -> turn.path("session_id").asText()).collect(Collectors.toSet());
        assertThat(sessions).containsExactlyInAnyOrder(CAPTURED, OLDER, PARENT, CHILD, "compact-codex-001",
                "rejection-codex-001", "fc-1", "abc-123", "quote-123", "019b2ea4-aaaa-bbbb-cccc-58208e1f0000",
                "rollout-2026-01-18T02-03-00-malformed");
        // A turn is sent again only to carry the tokens of its response, and then once per token count.
        long distinct = turns.stream().map(SourceFixtures::key).distinct().count();
        long withoutUsage = turns.stream().filter(turn -> !turn.has("usage")).map(SourceFixtures::key).count();
        assertThat(withoutUsage).isLessThanOrEqualTo(distinct);
        assertThat(report.filesSeen()).isEqualTo(14);
        assertThat(report.linesRead()).isEqualTo(report.files().values().stream().mapToLong(tally -> tally.lines()).sum());
        assertThat(turns).allSatisfy(turn -> assertThat(turn.path("tool").asText()).isEqualTo("codex"));
        JsonNode first = turns.stream().filter(turn -> turn.path("session_id").asText().equals(CAPTURED)).findFirst().orElseThrow();
        assertThat(first.path("session_meta").path("cwd").asText()).isEqualTo("/Users/Sample_User/repos/codemie-ai/codemie-code");
        assertThat(first.path("session_meta").path("source_file").asText()).isEqualTo("~/" + CAPTURED_FILE);
    }

    @Test
    void everyToolCallCarriesItsArgumentsAsAnObjectAndEveryResultAnswersACall() throws IOException {
        Delivered delivered = new Delivered();
        run(delivered);

        Map<String, JsonNode> turns = latest(delivered.turns());
        List<JsonNode> calls = turns.values().stream().filter(turn -> turn.path("kind").asText().equals("tool_use")).toList();
        List<JsonNode> results = turns.values().stream().filter(turn -> turn.path("kind").asText().equals("tool_result")).toList();
        assertThat(calls).hasSizeGreaterThan(120).allSatisfy(call -> {
            assertThat(call.path("tool_call").path("input").isObject()).as("input of %s", call).isTrue();
            assertThat(call.path("tool_call").path("id").asText()).isNotEmpty();
        });
        Set<String> callIds = calls.stream().map(call -> call.path("session_id").asText() + "/" + call.path("tool_call").path("id").asText())
                .collect(Collectors.toSet());
        assertThat(results).hasSizeGreaterThan(120).allSatisfy(result -> assertThat(callIds)
                .contains(result.path("session_id").asText() + "/" + result.path("tool_result").path("call_id").asText()));
        JsonNode exec = calls.stream().filter(call -> call.path("tool_call").path("id").asText().equals("call_Y2p6KmqwoTtpi6atpDPuxC5M"))
                .findFirst().orElseThrow();
        assertThat(exec.path("tool_call").path("input").path("cmd").asText()).startsWith("sed -n '1,180p'");
        assertThat(exec.path("content").asText()).startsWith("exec_command $ sed -n");
        JsonNode patch = calls.stream().filter(call -> call.path("tool_call").path("name").asText().equals("apply_patch")).findFirst().orElseThrow();
        assertThat(patch.path("tool_call").path("input").path("input").asText()).startsWith("*** Begin Patch");
        assertThat(results.stream().filter(result -> result.path("tool_result").path("is_error").asBoolean()))
                .as("outputs that say a non-zero exit code").hasSize(7);
        assertThat(turns.values().stream().filter(turn -> turn.path("session_id").asText().equals(OLDER)
                && turn.has("attachments"))).isNotEmpty();
    }

    @Test
    void aSessionsTokensAddUpToTheRolloutsOwnFinalTotal() throws IOException {
        Delivered delivered = new Delivered();
        run(delivered);

        Map<String, Long> totals = new TreeMap<>();
        latest(delivered.turns()).values().forEach(turn -> {
            JsonNode usage = turn.path("usage");
            totals.merge(turn.path("session_id").asText(), usage.path("input_tokens").asLong(0)
                    + usage.path("cache_read_tokens").asLong(0) + usage.path("output_tokens").asLong(0), Long::sum);
        });
        assertThat(totals.get(CAPTURED)).isEqualTo(6_064_954L);
        assertThat(totals.get(OLDER)).isEqualTo(154_257L);
        assertThat(totals.get(PARENT)).isEqualTo(5_200L);
        assertThat(totals.get(CHILD)).as("the child's own responses; its first 5 200 are the parent's").isEqualTo(10_200L - 5_200L);
        JsonNode cached = latest(delivered.turns()).values().stream()
                .filter(turn -> turn.path("session_id").asText().equals(PARENT) && turn.has("usage")).findFirst().orElseThrow();
        assertThat(cached.path("usage").path("input_tokens").asLong()).isEqualTo(4_000);
        assertThat(cached.path("usage").path("cache_read_tokens").asLong()).isEqualTo(1_000);
    }

    @Test
    void aSubagentThreadLinksToItsParentAndLeavesTheCopiedParentTurnsToIt() throws IOException {
        Delivered delivered = new Delivered();
        ImportReport report = run(delivered);

        List<JsonNode> child = delivered.turns().stream().filter(turn -> turn.path("session_id").asText().equals(CHILD)).toList();
        assertThat(child.get(0).path("session_meta").path("parent_session_id").asText()).isEqualTo(PARENT);
        assertThat(child.get(0).path("session_meta").path("agent").asText()).isEqualTo("explorer");
        assertThat(child).noneMatch(turn -> turn.path("content").asText().equals("run a review"))
                .noneMatch(turn -> turn.path("tool_call").path("id").asText().equals("call_skill1"));
        assertThat(child.get(0).path("content").asText()).isEqualTo("review code");
        assertThat(child.stream().filter(turn -> turn.has("model")).map(turn -> turn.path("model").asText()).distinct())
                .containsExactly("gpt-5.4-mini");
        assertThat(report.files().values().stream().mapToLong(tally -> tally.skipped().getOrDefault("copied from the parent thread", 0L)).sum())
                .isEqualTo(7);
    }

    @Test
    void unknownRecordsAreCountedByTypeAndAMalformedLineIsReportedWithItsFileAndLine() throws IOException {
        Path rollout = home.resolve(CAPTURED_FILE);
        Files.writeString(rollout, "{\"timestamp\": \"2026-05-11T08:45:00Z\", \"type\": \"response_item\", \"payl\n"
                + "{\"timestamp\":\"2026-05-11T08:45:01Z\",\"type\":\"brand_new_record\",\"payload\":{}}\n", StandardOpenOption.APPEND);

        ImportReport report = run(new Delivered());

        Map<String, Long> skipped = new TreeMap<>();
        report.files().values().forEach(tally -> tally.skipped().forEach((reason, count) -> skipped.merge(reason, count, Long::sum)));
        assertThat(skipped).containsEntry("unknown event_msg: turn.completed", 4L)
                .containsEntry("unknown event_msg: codex/event/raw_item", 3L)
                .containsEntry("unknown response_item: tool_call", 1L)
                .containsEntry("unknown type: brand_new_record", 1L);
        assertThat(report.files().get("~/" + CAPTURED_FILE).malformedListed())
                .containsExactly("line 387: not valid JSON: Unexpected end-of-input in field name");
    }

    @Test
    void aSecondRunSendsOnlyTheLinesAppendedSince() throws IOException {
        Path rollout = home.resolve(CAPTURED_FILE);
        List<String> lines = Files.readAllLines(rollout);
        Files.write(rollout, lines.subList(0, 200));
        Delivered first = new Delivered();
        run(first);
        Files.write(rollout, lines.subList(200, lines.size()), StandardOpenOption.APPEND);

        Delivered second = new Delivered();
        ImportReport report = run(second);
        Delivered third = new Delivered();
        ImportReport nothing = run(third);

        assertThat(report.linesRead()).isEqualTo(lines.size() - 200);
        assertThat(second.turns()).allSatisfy(turn -> assertThat(turn.path("seq").asLong()).isGreaterThan(200))
                .isNotEmpty();
        Delivered whole = new Delivered();
        runFresh(whole);
        assertThat(keys(first.turns(), second.turns())).isEqualTo(keys(whole.turns()));
        assertThat(nothing.linesRead()).isZero();
        assertThat(third.turns()).isEmpty();
    }

    @Test
    void aRunStoppedMidwayIsFinishedByTheNextWithNothingLostAndNothingSentTwice() throws IOException {
        Delivered stopped = new Delivered(3);
        assertThatThrownBy(() -> run(stopped, options().withBatchLines(50))).hasMessageContaining("connection reset");

        Delivered resumed = new Delivered();
        run(resumed, options().withBatchLines(50));

        Delivered whole = new Delivered();
        runFresh(whole);
        assertThat(stopped.turns()).hasSize(100);
        assertThat(keys(stopped.turns(), resumed.turns())).isEqualTo(keys(whole.turns()));
        Set<String> sentBefore = new HashSet<>(stopped.turns().stream().map(SourceFixtures::key).toList());
        assertThat(resumed.turns().stream().filter(turn -> !turn.has("usage")).map(SourceFixtures::key))
                .noneMatch(sentBefore::contains);
    }

    @Test
    void aRolloutMovedToArchivedSessionsIsNotSentAgain() throws IOException {
        run(new Delivered());
        Path archived = home.resolve(".codex/archived_sessions").resolve(CAPTURED_FILE.getFileName());
        Files.move(home.resolve(CAPTURED_FILE), archived);

        Delivered again = new Delivered();
        run(again);

        assertThat(again.turns()).isEmpty();
    }

    private ImportOptions options() {
        return SourceFixtures.options(CodexImporter.defaultRoots(Map.of(), home), state);
    }

    private ImportReport run(TurnSink sink) throws IOException {
        return run(sink, options());
    }

    private ImportReport run(TurnSink sink, ImportOptions options) throws IOException {
        try (CodexImporter importer = CodexImporter.open(options, sink, JSON, new Progress(silent(), false), home)) {
            return importer.pass();
        }
    }

    private void runFresh(TurnSink sink) throws IOException {
        run(sink, options().withStateFile(Files.createTempDirectory("state").resolve("fresh.json")));
    }

    /** The turns as lethe keeps them: the last version sent of each. */
    static Map<String, JsonNode> latest(List<JsonNode> turns) {
        Map<String, JsonNode> latest = new TreeMap<>();
        turns.forEach(turn -> latest.put(key(turn), turn));
        return latest;
    }

    @SafeVarargs
    static Map<String, String> keys(List<JsonNode>... runs) {
        Map<String, String> keys = new TreeMap<>();
        for (List<JsonNode> run : runs) {
            run.forEach(turn -> keys.put(key(turn), turn.toString()));
        }
        return keys;
    }
}
