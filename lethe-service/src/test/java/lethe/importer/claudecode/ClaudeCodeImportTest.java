package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.api.IngestResult;
import lethe.importer.FileTally;
import lethe.importer.ImportOptions;
import lethe.importer.ImportReport;
import lethe.importer.TurnSink;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static lethe.importer.ImporterFixtures.EDGE_CASES;
import static lethe.importer.ImporterFixtures.JSON;
import static lethe.importer.ImporterFixtures.SAMPLE_PROJECT;
import static lethe.importer.ImporterFixtures.copyOfFixtures;
import static lethe.importer.ImporterFixtures.options;
import static lethe.importer.ImporterFixtures.runOnce;
import static lethe.importer.ImporterFixtures.serverSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The importer against a real lethe on a real SQLite file, over real HTTP. Each test imports as its own host. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ClaudeCodeImportTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static final String INIT_SESSION = "1af7fc5e-8455-4414-9ccd-011d40f70b2a";
    static final String TODO_SESSION = "fe5e1c67-53e7-4862-81ae-d0e013e3270b";
    /** 561 turns from the nine fixture files, plus the four turns re-sent to carry the summaries' titles. */
    static final int TURNS_IN_FIXTURES = 561;
    static final int TITLES_IN_FIXTURES = 4;

    @Test
    void importingTheFixturesFillsTheSessionListWithTitlesAndSubagentLinks() throws IOException {
        Path root = copyOfFixtures();

        ImportReport report = runOnce(options(root, "titles"), serverSink(APP.getLocalPort(), "alice"));

        assertThat(report.turnsSent()).isEqualTo(TURNS_IN_FIXTURES + TITLES_IN_FIXTURES);
        assertThat(report.accepted()).isEqualTo(report.turnsSent());
        assertThat(report.rejected()).isZero();
        Map<String, JsonNode> sessions = sessionsOf("titles");
        assertThat(sessions).hasSize(16);
        assertThat(sessions.get(INIT_SESSION).path("title").asText()).isEqualTo("Empty Repo Setup: CLAUDE.md Foundation Created");
        assertThat(sessions.get("todowrite_session").path("title").asText()).isEqualTo("Feature Implementation with Task Management");
        assertThat(sessions.get("edge_cases").path("title").asText()).startsWith("Tested various edge cases including markdown");
        assertThat(sessions.get("session_b").path("title").asText()).isEqualTo("This is from a different session file to test multi-session handling.");
        JsonNode subagent = sessions.get("5c0375b4-57a5-4f26-b12d-d022ee4e51b7:agent-test-hash-123");
        assertThat(subagent.path("meta").path("parent_session_id").asText()).isEqualTo("5c0375b4-57a5-4f26-b12d-d022ee4e51b7");
        assertThat(subagent.path("title").asText()).isEqualTo("Run the test suite");
        assertThat(sessions.keySet()).filteredOn(id -> id.startsWith(TODO_SESSION + ":agent-")).hasSize(5);
        assertThat(sessions.get(INIT_SESSION).path("meta").path("source_file").asText())
                .isEqualTo(root.resolve(SAMPLE_PROJECT).resolve(INIT_SESSION + ".jsonl").toString());
    }

    @Test
    void aTranscriptReadsBackInTheOrderOfItsFile() throws IOException {
        Path root = copyOfFixtures();
        runOnce(options(root, "order"), serverSink(APP.getLocalPort(), "alice"));

        JsonNode session = Http.to(APP.getLocalPort()).as("alice").get("/api/v1/sessions/claude-code/order/" + TODO_SESSION).json();

        List<String> stored = new ArrayList<>();
        session.path("turns").forEach(turn -> stored.add(turn.path("turn_id").asText()));
        List<String> mainChainInFile = new ArrayList<>();
        for (JsonNode line : lines(root.resolve(SAMPLE_PROJECT).resolve(TODO_SESSION + ".jsonl"))) {
            if (line.has("uuid") && !line.path("isSidechain").asBoolean()) {
                mainChainInFile.add(line.path("uuid").asText());
            }
        }
        assertThat(stored).containsExactlyElementsOf(mainChainInFile);
        assertThat(session.path("turn_count").asLong()).isEqualTo(32);
        JsonNode toolCall = session.path("turns").get(3);
        assertThat(toolCall.path("kind").asText()).isEqualTo("tool_use");
        assertThat(toolCall.path("tool_name").asText()).isEqualTo("Glob");
        JsonNode toolOutput = session.path("turns").get(5);
        assertThat(toolOutput.path("role").asText()).isEqualTo("tool");
        assertThat(toolOutput.path("tool_name").asText()).isEqualTo("Glob");
        assertThat(toolOutput.path("content").asText()).isEqualTo("No files found");
    }

    @Test
    void aSessionsTokensAreTheSumOverItsDistinctResponsesNotOverItsLines() throws IOException {
        Path root = copyOfFixtures();
        runOnce(options(root, "tokens"), serverSink(APP.getLocalPort(), "alice"));

        for (String sessionId : List.of(INIT_SESSION, TODO_SESSION)) {
            Path file = root.resolve(SAMPLE_PROJECT).resolve(sessionId + ".jsonl");
            JsonNode usage = Http.to(APP.getLocalPort()).as("alice")
                    .get("/api/v1/sessions/claude-code/tokens/" + sessionId).json().path("usage");
            long[] perResponse = tokensPerDistinctResponse(file);
            long[] perLine = tokensPerLine(file);
            assertThat(usage.path("input_tokens").asLong()).as(sessionId).isEqualTo(perResponse[0]);
            assertThat(usage.path("output_tokens").asLong()).as(sessionId).isEqualTo(perResponse[1]);
            assertThat(usage.path("cache_read_tokens").asLong()).as(sessionId).isEqualTo(perResponse[2]);
            assertThat(usage.path("cache_write_tokens").asLong()).as(sessionId).isEqualTo(perResponse[3]);
            assertThat(perLine[2]).as("summing over lines would count split responses twice").isGreaterThan(perResponse[2]);
        }
    }

    @Test
    void aSecondRunSendsNothing() throws IOException {
        Path root = copyOfFixtures();
        runOnce(options(root, "twice"), serverSink(APP.getLocalPort(), "alice"));
        String stateAfterFirst = Files.readString(root.resolve("state/import-claude-code.json"));

        ImportReport second = runOnce(options(root, "twice"), serverSink(APP.getLocalPort(), "alice"));

        assertThat(second.turnsSent()).isZero();
        assertThat(second.requests()).isZero();
        assertThat(second.filesSeen()).isEqualTo(9);
        assertThat(second.filesUnchanged()).isEqualTo(9);
        assertThat(Files.readString(root.resolve("state/import-claude-code.json"))).isEqualTo(stateAfterFirst);
    }

    @Test
    void linesAppendedToATranscriptAreSentExactlyOnceOnTheNextRun() throws IOException {
        Path root = copyOfFixtures();
        runOnce(options(root, "append"), serverSink(APP.getLocalPort(), "alice"));
        Path sessionB = root.resolve(EDGE_CASES).resolve("session_b.jsonl");
        // The fixture's last line has no newline: the first appended line completes it, as Claude Code would.
        append(sessionB, "\n" + userLine("session_b", "b4", "2025-06-14T12:02:00Z", "One more question")
                + "\n" + userLine("session_b", "b5", "2025-06-14T12:03:00Z", "And another") + "\n");

        ImportReport second = runOnce(options(root, "append"), serverSink(APP.getLocalPort(), "alice"));

        assertThat(second.turnsSent()).isEqualTo(2);
        assertThat(second.files()).containsOnlyKeys(sessionB.toString());
        assertThat(second.files().get(sessionB.toString()).lines()).isEqualTo(2);
        JsonNode session = Http.to(APP.getLocalPort()).as("alice").get("/api/v1/sessions/claude-code/append/session_b").json();
        assertThat(session.path("turn_count").asLong()).isEqualTo(5);
        assertThat(session.path("turns").get(4).path("content").asText()).isEqualTo("And another");
        assertThat(session.path("turns").get(4).path("seq").asLong()).isEqualTo(50_000);
        assertThat(runOnce(options(root, "append"), serverSink(APP.getLocalPort(), "alice")).turnsSent()).isZero();
    }

    @Test
    void aLineStillBeingWrittenIsSentOnceItsNewlineArrives() throws IOException {
        Path root = copyOfFixtures();
        runOnce(options(root, "partial"), serverSink(APP.getLocalPort(), "alice"));
        Path sessionB = root.resolve(EDGE_CASES).resolve("session_b.jsonl");
        String line = userLine("session_b", "b4", "2025-06-14T12:02:00Z", "half written");
        append(sessionB, "\n" + line.substring(0, 60));

        ImportReport whileWriting = runOnce(options(root, "partial"), serverSink(APP.getLocalPort(), "alice"));
        append(sessionB, line.substring(60) + "\n");
        ImportReport afterwards = runOnce(options(root, "partial"), serverSink(APP.getLocalPort(), "alice"));

        assertThat(whileWriting.turnsSent()).isZero();
        assertThat(whileWriting.files().get(sessionB.toString()).hasIncompleteTail()).isTrue();
        assertThat(afterwards.turnsSent()).isEqualTo(1);
        assertThat(afterwards.files().get(sessionB.toString()).malformed()).isZero();
    }

    @Test
    void aTruncatedTranscriptIsReadAgainFromTheStart() throws IOException {
        Path root = copyOfFixtures();
        runOnce(options(root, "truncated"), serverSink(APP.getLocalPort(), "alice"));
        Path init = root.resolve(SAMPLE_PROJECT).resolve(INIT_SESSION + ".jsonl");
        List<String> firstTen = Files.readAllLines(init).subList(0, 10);
        Files.write(init, firstTen, StandardOpenOption.TRUNCATE_EXISTING);

        ImportReport second = runOnce(options(root, "truncated"), serverSink(APP.getLocalPort(), "alice"));

        FileTally tally = second.files().get(init.toString());
        assertThat(tally.wasRereadFromStart()).isTrue();
        assertThat(tally.lines()).isEqualTo(10);
        assertThat(second.turnsSent()).isEqualTo(10);
        assertThat(second.rejected()).isZero();
    }

    @Test
    void aTranscriptReplacedByAnotherFileIsReadAgainFromTheStart() throws IOException {
        Path root = copyOfFixtures();
        runOnce(options(root, "replaced"), serverSink(APP.getLocalPort(), "alice"));
        Path sessionB = root.resolve(EDGE_CASES).resolve("session_b.jsonl");
        Path replacement = root.resolve("replacement.tmp");
        Files.writeString(replacement, userLine("session_b", "c1", "2025-06-15T08:00:00Z", "A different file now, and a longer one too.")
                + "\n" + Files.readString(sessionB) + "\n");
        Files.move(replacement, sessionB, StandardCopyOption.REPLACE_EXISTING);

        ImportReport second = runOnce(options(root, "replaced"), serverSink(APP.getLocalPort(), "alice"));

        assertThat(second.files().get(sessionB.toString()).wasRereadFromStart()).isTrue();
        assertThat(second.turnsSent()).isEqualTo(4);
        assertThat(Http.to(APP.getLocalPort()).as("alice").get("/api/v1/sessions/claude-code/replaced/session_b")
                .json().path("turn_count").asLong()).isEqualTo(4);
    }

    @Test
    void aRunKilledMidwayResumesWithoutLosingOrResendingAcknowledgedTurns() throws IOException {
        Path root = copyOfFixtures();
        ImportOptions small = options(root, "killed").withBatchLines(50);
        DiesAfter dying = new DiesAfter(3, serverSink(APP.getLocalPort(), "alice"), false);
        assertThatThrownBy(() -> runOnce(small, dying)).hasMessage("killed");

        ImportReport resumed = runOnce(small, serverSink(APP.getLocalPort(), "alice"));

        assertThat(resumed.turnsSent()).isEqualTo(TURNS_IN_FIXTURES - dying.acknowledged + TITLES_IN_FIXTURES);
        assertThat(turnCounts("killed")).isEqualTo(cleanImportTurnCounts());
    }

    @Test
    void aRunKilledAfterTheServerStoredABatchButBeforeItsStateWasSavedResendsItHarmlessly() throws IOException {
        Path root = copyOfFixtures();
        ImportOptions small = options(root, "lost-ack").withBatchLines(50);
        DiesAfter dying = new DiesAfter(3, serverSink(APP.getLocalPort(), "alice"), true);
        assertThatThrownBy(() -> runOnce(small, dying)).hasMessage("killed");

        ImportReport resumed = runOnce(small, serverSink(APP.getLocalPort(), "alice"));

        assertThat(resumed.turnsSent()).isEqualTo(TURNS_IN_FIXTURES - dying.acknowledged + TITLES_IN_FIXTURES);
        assertThat(turnCounts("lost-ack")).isEqualTo(cleanImportTurnCounts());
    }

    /** Passes the first batches on, then fails like a process killed mid-request (optionally after the server stored it). */
    static final class DiesAfter implements TurnSink {
        private final int batches;
        private final TurnSink server;
        private final boolean storeTheFatalBatch;
        private int sent;
        long acknowledged;

        DiesAfter(int batches, TurnSink server, boolean storeTheFatalBatch) {
            this.batches = batches;
            this.server = server;
            this.storeTheFatalBatch = storeTheFatalBatch;
        }

        @Override
        public IngestResult send(List<byte[]> lines) throws IOException {
            if (sent++ < batches) {
                acknowledged += lines.size();
                return server.send(lines);
            }
            if (storeTheFatalBatch) {
                server.send(lines);
            }
            throw new IOException("killed");
        }
    }

    private Map<String, Long> cleanImportTurnCounts() throws IOException {
        if (turnCounts("clean").isEmpty()) {
            runOnce(options(copyOfFixtures(), "clean"), serverSink(APP.getLocalPort(), "alice"));
        }
        return turnCounts("clean");
    }

    private Map<String, Long> turnCounts(String host) {
        Map<String, Long> counts = new HashMap<>();
        sessionsOf(host).forEach((id, session) -> counts.put(id, session.path("turn_count").asLong()));
        return counts;
    }

    static Map<String, JsonNode> sessionsOf(String host) {
        JsonNode page = Http.to(APP.getLocalPort()).as("alice").get("/api/v1/sessions?limit=500&host=" + host).json();
        Map<String, JsonNode> sessions = new LinkedHashMap<>();
        page.path("sessions").forEach(session -> sessions.put(session.path("session_id").asText(), session));
        return sessions;
    }

    /** input, output, cache read, cache write: each response's largest figures, summed over distinct responses. */
    static long[] tokensPerDistinctResponse(Path file) throws IOException {
        Map<String, long[]> responses = new LinkedHashMap<>();
        for (JsonNode line : lines(file)) {
            if (isMainChainAssistant(line)) {
                String key = line.path("message").path("id").asText() + "|" + line.path("requestId").asText();
                long[] figures = figures(line.path("message").path("usage"));
                responses.merge(key, figures, (a, b) -> new long[]{
                        Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])});
            }
        }
        long[] total = new long[4];
        responses.values().forEach(figures -> {
            for (int i = 0; i < 4; i++) {
                total[i] += figures[i];
            }
        });
        return total;
    }

    static long[] tokensPerLine(Path file) throws IOException {
        long[] total = new long[4];
        for (JsonNode line : lines(file)) {
            if (isMainChainAssistant(line)) {
                long[] figures = figures(line.path("message").path("usage"));
                for (int i = 0; i < 4; i++) {
                    total[i] += figures[i];
                }
            }
        }
        return total;
    }

    private static boolean isMainChainAssistant(JsonNode line) {
        return line.path("type").asText().equals("assistant") && !line.path("isSidechain").asBoolean();
    }

    private static long[] figures(JsonNode usage) {
        return new long[]{usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                usage.path("cache_read_input_tokens").asLong(), usage.path("cache_creation_input_tokens").asLong()};
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    static String userLine(String sessionId, String uuid, String timestamp, String text) {
        return "{\"type\":\"user\",\"sessionId\":\"" + sessionId + "\",\"uuid\":\"" + uuid + "\",\"timestamp\":\"" + timestamp
                + "\",\"cwd\":\"/tmp\",\"version\":\"1.0.0\",\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"}}";
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
