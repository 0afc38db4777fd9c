package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.importer.FileTally;
import lethe.importer.ImportReport;
import lethe.importer.StdoutSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static lethe.importer.ImporterFixtures.EDGE_CASES;
import static lethe.importer.ImporterFixtures.JSON;
import static lethe.importer.ImporterFixtures.SAMPLE_PROJECT;
import static lethe.importer.ImporterFixtures.copyOfFixtures;
import static lethe.importer.ImporterFixtures.options;
import static lethe.importer.ImporterFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

/** Every line of every fixture is accounted for: a turn, a title, or skipped/malformed with a named reason. */
class FixtureAccountingTest {

    static Path root;
    static ImportReport report;
    static List<JsonNode> written;

    @BeforeAll
    static void importAllFixturesInADryRun() throws IOException {
        root = copyOfFixtures();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report = runOnce(options(root, "laptop").withDryRun(true), new StdoutSink(out));
        written = out.toString(StandardCharsets.UTF_8).lines().map(FixtureAccountingTest::parse).toList();
    }

    @Test
    void theRealSessionsBecomeOneTurnPerLine() {
        assertCounts("1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl", 29, 29, 29, 0, 0, Map.of());
        assertCounts("5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl", 53, 53, 53, 0, 0, Map.of());
        assertCounts("agent-test-hash-123.jsonl", 2, 2, 2, 0, 0, Map.of());
        assertCounts("agent-test-hash-456.jsonl", 2, 2, 2, 0, 0, Map.of());
        // One summary line (the title of another session), 437 conversation lines, 405 of them inline subagent runs.
        assertCounts("fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl", 438, 437, 437, 1, 0, Map.of());
    }

    @Test
    void theEdgeCasesAreImportedSkippedOrReportedLineByLine() {
        // 19 lines, the last without a newline: 12 conversation, 1 summary, 1 object without a type,
        // 5 malformed (a message without content, one without timestamp, three JSON values that are not objects).
        // Line 9 holds two blocks (text and a tool call): 13 turns from 12 lines.
        assertCounts(EDGE_CASES + "/edge_cases.jsonl", 19, 12, 13, 1, 5, Map.of("no type", 1L));
        assertThat(tally(EDGE_CASES + "/edge_cases.jsonl").malformedListed()).containsExactly(
                "line 10: message has no content",
                "line 11: no timestamp",
                "line 13: not a JSON object",
                "line 15: not a JSON object",
                "line 16: not a JSON object");
        assertCounts(EDGE_CASES + "/representative_messages.jsonl", 12, 11, 11, 1, 0, Map.of());
        assertCounts(EDGE_CASES + "/session_b.jsonl", 3, 3, 3, 0, 0, Map.of());
        assertCounts(EDGE_CASES + "/todowrite_examples.jsonl", 12, 11, 11, 1, 0, Map.of());
    }

    @Test
    void everyLineOfEveryFileIsInExactlyOneBucket() throws IOException {
        assertThat(report.files()).hasSize(9);
        for (Map.Entry<String, FileTally> file : report.files().entrySet()) {
            FileTally tally = file.getValue();
            long linesInFile = lineCount(Path.of(file.getKey()));
            assertThat(tally.lines()).as(file.getKey()).isEqualTo(linesInFile);
            assertThat(tally.conversationLines() + tally.titleLines() + tally.skippedTotal() + tally.malformed())
                    .as(file.getKey()).isEqualTo(linesInFile);
            assertThat(tally.hasIncompleteTail()).isFalse();
        }
    }

    @Test
    void theDryRunWritesEveryTurnAndOneTitledTurnPerSummary() {
        long turns = report.files().values().stream().mapToLong(FileTally::turns).sum();
        assertThat(report.titlesApplied()).isEqualTo(4);
        assertThat(report.titlesUnresolved()).isZero();
        assertThat(written).hasSize((int) turns + 4);
        assertThat(written).allSatisfy(turn -> {
            assertThat(turn.path("tool").asText()).isEqualTo("claude-code");
            assertThat(turn.path("host").asText()).isEqualTo("laptop");
            assertThat(turn.path("seq").isIntegralNumber()).isTrue();
        });
    }

    @Test
    void aSummaryTitlesTheSessionOfItsLeafEvenInAnotherFile() {
        JsonNode titled = written.stream()
                .filter(turn -> turn.path("session_meta").has("title"))
                .filter(turn -> turn.path("session_id").asText().equals("1af7fc5e-8455-4414-9ccd-011d40f70b2a"))
                .findFirst().orElseThrow();
        assertThat(titled.path("turn_id").asText()).isEqualTo("549b3502-6e30-4fa5-869f-c998df26c3f0");
        assertThat(titled.path("session_meta").path("title").asText()).isEqualTo("Empty Repo Setup: CLAUDE.md Foundation Created");
        JsonNode original = written.stream()
                .filter(turn -> turn.path("turn_id").asText().equals("549b3502-6e30-4fa5-869f-c998df26c3f0"))
                .findFirst().orElseThrow();
        assertThat(titled.path("content")).isEqualTo(original.path("content"));
        assertThat(titled.path("seq")).isEqualTo(original.path("seq"));
    }

    @Test
    void malformedLinesAreReportedInTheSummaryWithFileAndLine() {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        report.print(new java.io.PrintStream(summary, true, StandardCharsets.UTF_8), "claude-code", true);
        assertThat(summary.toString(StandardCharsets.UTF_8))
                .contains("malformed 5 lines")
                .contains("edge_cases.jsonl: line 11: no timestamp")
                .contains("skipped 1 lines: 1 no type")
                .contains("titles: 4 summary lines read, 4 titles delivered");
    }

    @Test
    void noBase64AndNoRawThinkingSignaturesReachTheWire() {
        assertThat(written).noneSatisfy(turn -> assertThat(turn.toString()).contains("\"signature\""));
    }

    private void assertCounts(String file, long lines, long conversation, long turns, long titles, long malformed,
                              Map<String, Long> skipped) {
        FileTally tally = tally(file.contains("/") ? file : SAMPLE_PROJECT + "/" + file);
        assertThat(tally.lines()).as(file + " lines").isEqualTo(lines);
        assertThat(tally.conversationLines()).as(file + " conversation lines").isEqualTo(conversation);
        assertThat(tally.turns()).as(file + " turns").isEqualTo(turns);
        assertThat(tally.titleLines()).as(file + " summary lines").isEqualTo(titles);
        assertThat(tally.malformed()).as(file + " malformed").isEqualTo(malformed);
        assertThat(tally.skipped()).as(file + " skipped").containsExactlyInAnyOrderEntriesOf(skipped);
    }

    private FileTally tally(String relative) {
        return report.files().get(root.resolve(relative).toString());
    }

    /** Lines as an editor counts them: a last line without its newline still counts. */
    private static long lineCount(Path file) throws IOException {
        String text = Files.readString(file);
        return text.lines().count();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
