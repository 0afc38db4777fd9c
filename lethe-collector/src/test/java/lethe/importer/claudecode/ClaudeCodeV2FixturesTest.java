package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.api.TurnEvent;
import lethe.importer.FileTally;
import lethe.importer.ImportReport;
import lethe.importer.StdoutSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static lethe.importer.ImporterFixtures.JSON;
import static lethe.importer.ImporterFixtures.V1_IMPORT;
import static lethe.importer.ImporterFixtures.copyOfAssistantFixtures;
import static lethe.importer.ImporterFixtures.options;
import static lethe.importer.ImporterFixtures.resource;
import static lethe.importer.ImporterFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v2 mapping over real transcripts of Claude Code 1.0 to 2.1 ({@code fixtures/assistants/claude-code}:
 * sub-agents in all three layouts, images, a compaction, every record type seen in the wild).
 */
class ClaudeCodeV2FixturesTest {

    static final String WORKTREES_SESSION = "ef958aa1-0e93-49f0-bb71-150f63befcd1";
    static final String COMPACTED_SESSION = "624a4a58-b34c-462d-a70d-13421c8125a8";

    static Path root;
    static ImportReport report;
    /** Every turn by session and turn id; a turn re-sent to carry a title counts once, as the server keeps it. */
    static Map<String, TurnEvent> turns;
    static Map<String, Map<String, Object>> sessionMeta;

    @BeforeAll
    static void importTheFixturesInADryRun() throws IOException {
        root = copyOfAssistantFixtures();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report = runOnce(options(root, "laptop").withDryRun(true), new StdoutSink(out));
        turns = new LinkedHashMap<>();
        sessionMeta = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            TurnEvent turn = JSON.readValue(line, TurnEvent.class);
            turns.put(key(turn.sessionId(), turn.turnId()), turn);
            if (turn.sessionMeta() != null) {
                sessionMeta.computeIfAbsent(turn.sessionId(), id -> new HashMap<>()).putAll(turn.sessionMeta());
            }
        }
    }

    @Test
    void everyToolCallHasAnIdANameAndAnInputObjectAndAOneLineSummary() {
        List<TurnEvent> calls = ofKind("tool_use");

        assertThat(calls).hasSize(224).allSatisfy(turn -> {
            assertThat(turn.toolCall()).as(turn.turnId()).isNotNull();
            assertThat(turn.toolCall().id()).isNotBlank();
            assertThat(turn.toolCall().name()).isNotBlank();
            assertThat(turn.toolCall().input()).isNotNull();
            assertThat(turn.content()).isNotBlank().doesNotContain("\n").doesNotStartWith("```");
        });
        assertThat(calls).filteredOn(turn -> turn.toolCall().name().equals("Bash"))
                .isNotEmpty()
                .allSatisfy(turn -> assertThat(turn.content()).isEqualTo(oneLine("$ " + turn.toolCall().input().get("command"))));
        assertThat(calls).filteredOn(turn -> turn.toolCall().name().equals("Read"))
                .isNotEmpty()
                .allSatisfy(turn -> assertThat(turn.content()).isEqualTo("Read " + turn.toolCall().input().get("file_path")));
    }

    @Test
    void everyResultNamesACallOfItsOwnSession() {
        Map<String, Set<String>> callsBySession = new HashMap<>();
        ofKind("tool_use").forEach(turn -> callsBySession.computeIfAbsent(turn.sessionId(), id -> new HashSet<>()).add(turn.toolCall().id()));

        assertThat(ofKind("tool_result")).hasSize(224).allSatisfy(turn -> {
            assertThat(turn.toolResult()).as(turn.turnId()).isNotNull();
            assertThat(turn.toolResult().callId()).isNotBlank();
            assertThat(callsBySession.getOrDefault(turn.sessionId(), Set.of())).as(turn.turnId()).contains(turn.toolResult().callId());
            assertThat(turn.role()).isEqualTo("tool");
        });
    }

    @Test
    void toolOutputIsStoredExactlyAsTheToolGaveItWithoutFencesOrPrefixes() throws IOException {
        Map<String, String> expected = new HashMap<>();
        forEachLine((file, line) -> {
            JsonNode content = line.path("message").path("content");
            if (!content.isArray() || !line.path("uuid").isTextual()) {
                return;
            }
            for (int i = 0; i < content.size(); i++) {
                JsonNode block = content.get(i);
                if (block.path("type").asText().equals("tool_result") && block.path("content").isTextual()) {
                    expected.put(line.path("uuid").asText() + (i == 0 ? "" : "#" + i), block.path("content").textValue());
                }
            }
        });
        List<TurnEvent> results = ofKind("tool_result");

        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(results).noneSatisfy(turn -> assertThat(turn.content()).startsWith("```"));
        assertThat(results).noneSatisfy(turn -> assertThat(turn.content()).startsWith("Error:\n"));
        assertThat(results).filteredOn(turn -> expected.containsKey(turn.turnId()))
                .hasSize(expected.size())
                .allSatisfy(turn -> assertThat(turn.content()).isEqualTo(expected.get(turn.turnId())));
        assertThat(results).filteredOn(turn -> turn.toolResult().isError()).isNotEmpty();
    }

    @Test
    void subAgentRunsAreSessionsLinkedBothWaysToTheCallThatSpawnedThem() {
        Map<String, Map<String, Object>> runs = sessionMeta.entrySet().stream()
                .filter(session -> session.getValue().containsKey("parent_session_id"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        Map<String, List<String>> runsByCall = new HashMap<>();
        runs.forEach((session, meta) -> {
            String parent = (String) meta.get("parent_session_id");
            assertThat(session).startsWith(parent + ":agent-");
            assertThat(sessionMeta).as("parent of " + session).containsKey(parent);
            if (meta.containsKey("parent_turn_id")) {
                TurnEvent call = turns.get(key(parent, (String) meta.get("parent_turn_id")));
                assertThat(call).as("spawning call of " + session).isNotNull();
                assertThat(call.kind()).isEqualTo("tool_use");
                assertThat(call.toolCall().name()).isIn("Task", "Agent");
                runsByCall.computeIfAbsent(parent + "/" + call.turnId(), c -> new ArrayList<>()).add(session);
            }
        });

        // Six runs in <session>/subagents/ (2.1), two teammates, two inline sidechain runs (1.0), and two
        // "Warmup" agent-*.jsonl files beside their session (2.0) that no call spawned.
        assertThat(runs).hasSize(12);
        assertThat(runs.values()).filteredOn(meta -> meta.containsKey("parent_turn_id")).hasSize(10);
        assertThat(runsByCall).hasSize(10).allSatisfy((call, children) -> assertThat(children).hasSize(1));
        List<TurnEvent> spawningCalls = turns.values().stream()
                .filter(turn -> turn.sessionId().equals(WORKTREES_SESSION) && "tool_use".equals(turn.kind())
                        && turn.toolCall().name().equals("Agent"))
                .toList();
        assertThat(spawningCalls).hasSize(6)
                .allSatisfy(call -> assertThat(runsByCall).containsKey(WORKTREES_SESSION + "/" + call.turnId()));
        assertThat(runs.get(WORKTREES_SESSION + ":agent-a4ca7529859c158c2"))
                .containsEntry("agent", "general-purpose")
                .containsEntry("title", "Research Claude Code plan mode")
                .containsEntry("agent_id", "a4ca7529859c158c2");
    }

    @Test
    void imagesPastedAndImagesToolsReturnedBecomeAttachments() {
        List<TurnEvent> withImages = turns.values().stream().filter(turn -> turn.attachments() != null).toList();

        assertThat(withImages).extracting(TurnEvent::kind).containsExactlyInAnyOrder("image", "tool_result", "tool_result");
        assertThat(withImages).flatExtracting(TurnEvent::attachments).hasSize(3).allSatisfy(attachment -> {
            assertThat(attachment.mediaType()).isEqualTo("image/png");
            byte[] png = Base64.getDecoder().decode(attachment.data());
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        });
        assertThat(withImages).filteredOn(turn -> turn.kind().equals("image"))
                .singleElement().satisfies(turn -> assertThat(turn.role()).isEqualTo("user"));
        assertThat(turns.values()).noneSatisfy(turn -> assertThat(turn.content()).contains("iVBORw0KGgo"));
    }

    @Test
    void aCompactionIsItsBoundaryAndItsSummaryBothOfKindCompaction() {
        List<TurnEvent> compaction = ofKind("compaction");

        assertThat(compaction).hasSize(2).allSatisfy(turn -> {
            assertThat(turn.sessionId()).isEqualTo(COMPACTED_SESSION);
            assertThat(turn.role()).isEqualTo("system");
        });
        assertThat(compaction.get(0).content()).isEqualTo("Conversation compacted (auto, 155979 tokens before)");
        assertThat(compaction.get(1).content()).startsWith("This session is being continued from a previous conversation");
    }

    @Test
    void recordTypesThatAreNotConversationAreCountedByTypeAndUnknownOnesNeverStopTheImport() throws IOException {
        Map<String, Long> skipped = new TreeMap<>();
        report.files().values().forEach(tally -> tally.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum)));
        assertThat(skipped).containsEntry("not conversation: attachment", 49L)
                .containsEntry("not conversation: file-history-snapshot", 46L)
                .containsEntry("not conversation: progress", 11L)
                .containsEntry("not conversation: permission-mode", 8L)
                .containsEntry("not conversation: last-prompt", 7L)
                .containsEntry("not conversation: queue-operation", 2L);

        Path later = Files.createTempDirectory("later");
        Files.writeString(later.resolve("s.jsonl"), """
                {"type":"hologram-2027","sessionId":"s1","payload":{"x":1}}
                {"type":"user","sessionId":"s1","uuid":"u1","timestamp":"2027-01-01T00:00:00Z","message":{"role":"user","content":"still imported"}}
                {"type":"hologram-2027","sessionId":"s1"}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImportReport later2027 = runOnce(options(later, "laptop").withDryRun(true), new StdoutSink(out));
        FileTally tally = later2027.files().values().iterator().next();
        assertThat(tally.skipped()).containsExactly(Map.entry("unknown type: hologram-2027", 2L));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("still imported");
    }

    @Test
    void claudeCodesOwnSyntheticResponsesCarryNoModel() {
        assertThat(turns.values()).noneSatisfy(turn -> assertThat(turn.model()).isEqualTo("<synthetic>"));
        assertThat(turns.values()).filteredOn(turn -> "assistant".equals(turn.role())).extracting(TurnEvent::model).isNotEmpty();
    }

    @Test
    void theTurnAndSessionIdsAreThoseTheV1ImporterSentSoAReimportReplacesThem() throws IOException {
        Set<String> v1 = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(resource(V1_IMPORT))), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> {
                try {
                    JsonNode turn = JSON.readTree(line);
                    v1.add(key(turn.path("session_id").asText(), turn.path("turn_id").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        assertThat(v1).hasSize(727);
        assertThat(turns.keySet()).containsExactlyInAnyOrderElementsOf(v1);
    }

    private static List<TurnEvent> ofKind(String kind) {
        return turns.values().stream().filter(turn -> kind.equals(turn.kind())).toList();
    }

    private static String key(String session, String turn) {
        return session + " " + turn;
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    private interface LineVisitor {
        void visit(Path file, JsonNode line) throws IOException;
    }

    private static void forEachLine(LineVisitor visitor) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jsonl")).toList()) {
                for (String text : Files.readAllLines(file)) {
                    JsonNode line;
                    try {
                        line = JSON.readTree(text);
                    } catch (IOException truncated) {
                        continue;
                    }
                    if (line != null && line.isObject()) {
                        visitor.visit(file, line);
                    }
                }
            }
        }
    }
}
