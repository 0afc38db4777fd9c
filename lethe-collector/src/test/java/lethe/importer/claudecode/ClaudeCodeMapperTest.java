package lethe.importer.claudecode;

import lethe.api.Attachment;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.TurnEvent;
import lethe.api.Usage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static lethe.importer.ImporterFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

class ClaudeCodeMapperTest {

    static final String SESSION = "5c0375b4-57a5-4f26-b12d-d022ee4e51b7";
    static final String COMMON = "\"sessionId\":\"" + SESSION + "\",\"timestamp\":\"2025-09-03T00:47:19.293Z\","
            + "\"cwd\":\"/home/me/demo\",\"gitBranch\":\"main\",\"version\":\"2.0.28\"";

    final ClaudeCodeMapper mapper = new ClaudeCodeMapper(JSON, "laptop");
    final FileContext main = context("/home/me/.claude/projects/-home-me-demo/" + SESSION + ".jsonl");
    long lineNumber;

    @Test
    void aTypedPromptIsAUserTurnWithTheLineUuidAsTurnIdAndTheSessionMeta() {
        TurnEvent turn = single(map(main, user("u1", "\"Run the tests\"")));

        assertThat(turn.tool()).isEqualTo("claude-code");
        assertThat(turn.host()).isEqualTo("laptop");
        assertThat(turn.sessionId()).isEqualTo(SESSION);
        assertThat(turn.turnId()).isEqualTo("u1");
        assertThat(turn.role()).isEqualTo("user");
        assertThat(turn.kind()).isEqualTo("text");
        assertThat(turn.content()).isEqualTo("Run the tests");
        assertThat(turn.timestamp()).isEqualTo(1756860439.293);
        assertThat(turn.seq()).isEqualTo(10_000);
        assertThat(turn.sessionMeta()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cwd", "/home/me/demo", "git_branch", "main", "version", "2.0.28",
                "source_file", "~/.claude/projects/-home-me-demo/" + SESSION + ".jsonl"));
    }

    @Test
    void theMetaIsSentAgainOnlyWhenItChanges() {
        assertThat(single(map(main, user("u1", "\"one\""))).sessionMeta()).isNotNull();
        assertThat(single(map(main, user("u2", "\"two\""))).sessionMeta()).isNull();
        String movedOn = "{\"type\":\"user\",\"uuid\":\"u3\"," + COMMON.replace("/home/me/demo", "/home/me/demo/sub")
                + ",\"message\":{\"role\":\"user\",\"content\":\"three\"}}";
        assertThat(single(map(main, movedOn)).sessionMeta()).containsEntry("cwd", "/home/me/demo/sub");
    }

    @Test
    void eachBlockOfAnAssistantLineIsATurnOfItsKind() {
        String line = assistant("a1", "msg_1", "req_1", """
                [{"type":"thinking","thinking":"The user wants tests.","signature":"c2lnbmF0dXJl"},
                 {"type":"text","text":"Running them."},
                 {"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"mvn test","timeout":600}}]""",
                "{\"input_tokens\":10,\"output_tokens\":20}");
        List<TurnEvent> turns = map(main, line).turns();

        assertThat(turns).extracting(TurnEvent::turnId).containsExactly("a1", "a1#1", "a1#2");
        assertThat(turns).extracting(TurnEvent::seq).containsExactly(10_000L, 10_001L, 10_002L);
        assertThat(turns).extracting(TurnEvent::role).containsOnly("assistant");
        assertThat(turns).extracting(TurnEvent::kind).containsExactly("thinking", "text", "tool_use");
        assertThat(turns.get(0).content()).isEqualTo("The user wants tests.");
        assertThat(turns.get(2).toolName()).isEqualTo("Bash");
        assertThat(turns.get(2).toolCall()).isEqualTo(new ToolCall("toolu_1", "Bash", Map.of("command", "mvn test", "timeout", 600)));
        assertThat(turns.get(2).content()).isEqualTo("$ mvn test");
        assertThat(turns).extracting(TurnEvent::model).containsOnly("claude-sonnet-4-20250514");
        assertThat(turns.get(0).usage()).isEqualTo(new Usage(10L, 20L, null, null));
        assertThat(turns.get(1).usage()).isNull();
    }

    @Test
    void aToolResultIsTheOutputExactlyNamingItsCallAndWhetherItFailed() {
        map(main, assistant("a1", "msg_1", "req_1",
                "[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{}}]", null));
        String output = "line\n".repeat(5000) + "a ``` fence inside";
        String line = user("u2", "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"is_error\":true,\"content\":"
                + quote(output) + "}]");

        TurnEvent turn = single(map(main, line));

        assertThat(turn.role()).isEqualTo("tool");
        assertThat(turn.kind()).isEqualTo("tool_result");
        assertThat(turn.toolName()).isEqualTo("Bash");
        assertThat(turn.toolResult()).isEqualTo(new ToolResult("toolu_1", true));
        assertThat(turn.content()).isEqualTo(output);
    }

    @Test
    void imagesPastedOrReturnedByAToolBecomeAttachments() {
        String data = Base64.getEncoder().encodeToString(new byte[48_000]);
        String image = "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + data + "\"}}";
        List<TurnEvent> turns = map(main, user("u1", "[{\"type\":\"text\",\"text\":\"What is this?\"}," + image + "]")).turns();

        assertThat(turns).extracting(TurnEvent::kind).containsExactly("text", "image");
        assertThat(turns.get(1).role()).isEqualTo("user");
        assertThat(turns.get(1).content()).isEqualTo("[image: image/png, 46.9 KB]");
        assertThat(turns.get(1).attachments()).containsExactly(new Attachment("image/png", data, null));

        map(main, assistant("a2", "m", "r", "[{\"type\":\"tool_use\",\"id\":\"t9\",\"name\":\"Read\",\"input\":{}}]", null));
        TurnEvent read = single(map(main, user("u3", "[{\"type\":\"tool_result\",\"tool_use_id\":\"t9\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"shot.png\"}," + image + "]}]")));
        assertThat(read.content()).isEqualTo("shot.png");
        assertThat(read.attachments()).containsExactly(new Attachment("image/png", data, null));
    }

    @Test
    void anImageLargerThanTheServerTakesOrOfATypeItRefusesIsAPlaceholderThatSaysSo() {
        ClaudeCodeMapper small = new ClaudeCodeMapper(JSON, "laptop", 10_000);
        String data = Base64.getEncoder().encodeToString(new byte[48_000]);
        String png = "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + data + "\"}}";
        String tiff = png.replace("image/png", "image/tiff");
        byte[] line = user("u1", "[" + png + "," + tiff + "]").getBytes(StandardCharsets.UTF_8);

        List<TurnEvent> turns = small.map(main, line, line.length, ++lineNumber).turns();

        assertThat(turns).allSatisfy(turn -> assertThat(turn.attachments()).isNull());
        assertThat(turns.get(0).content()).isEqualTo("[image: image/png, 46.9 KB; not imported: larger than the 9.8 KB lethe accepts for one attachment]");
        assertThat(turns.get(1).content()).startsWith("[image: image/tiff, 46.9 KB; not imported: lethe keeps ");
    }

    @Test
    void aSplitResponseCountsItsUsageOnceAsItsFinalFigures() {
        // Claude Code writes one line per block of a response; output tokens grow from line to line.
        String usage1 = "{\"input_tokens\":3,\"cache_creation_input_tokens\":10816,\"cache_read_input_tokens\":4734,\"output_tokens\":8}";
        String usage2 = "{\"input_tokens\":3,\"cache_creation_input_tokens\":10816,\"cache_read_input_tokens\":4734,\"output_tokens\":322}";
        TurnEvent first = single(map(main, assistant("a1", "msg_1", "req_1", "[{\"type\":\"text\",\"text\":\"Let me look.\"}]", usage1)));
        TurnEvent second = single(map(main, assistant("a2", "msg_1", "req_1",
                "[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"LS\",\"input\":{}}]", usage2)));
        TurnEvent third = single(map(main, assistant("a3", "msg_1", "req_1",
                "[{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"LS\",\"input\":{}}]", usage2)));
        TurnEvent otherResponse = single(map(main, assistant("a4", "msg_2", "req_2", "[{\"type\":\"text\",\"text\":\"Done.\"}]", usage1)));

        assertThat(first.usage()).isEqualTo(new Usage(3L, 8L, 4734L, 10816L));
        assertThat(second.usage()).isEqualTo(new Usage(null, 314L, null, null));
        assertThat(third.usage()).isNull();
        assertThat(otherResponse.usage()).isEqualTo(new Usage(3L, 8L, 4734L, 10816L));
    }

    @Test
    void theTokensOfAResponseLineThatMakesNoTurnGoWithTheSessionsNextAssistantTurn() {
        String usage = "{\"input_tokens\":6,\"cache_creation_input_tokens\":27860,\"output_tokens\":2201}";
        MappedLine empty = map(main, assistant("a1", "msg_1", "req_1", "[{\"type\":\"thinking\",\"thinking\":\"\"}]", usage));
        TurnEvent next = single(map(main, assistant("a2", "msg_2", "req_2", "[{\"type\":\"text\",\"text\":\"Done.\"}]",
                "{\"input_tokens\":4,\"output_tokens\":9}")));

        assertThat(empty.reason()).isEqualTo("no content");
        assertThat(next.usage()).isEqualTo(new Usage(10L, 2210L, null, 27860L));
    }

    @Test
    void claudeCodesOwnSyntheticMessagesHaveNoModel() {
        TurnEvent turn = single(map(main, assistant("a1", "msg_1", "req_1", "[{\"type\":\"text\",\"text\":\"API Error: 529\"}]", null)
                .replace("claude-sonnet-4-20250514", "<synthetic>")));
        assertThat(turn.model()).isNull();
    }

    @Test
    void expandedCommandsCompactionSummariesAndSystemLinesAreSystemTurnsOfTheirKind() {
        String expanded = "{\"type\":\"user\",\"isMeta\":true,\"uuid\":\"m1\"," + COMMON
                + ",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Please analyze this codebase\"}]}}";
        String compacted = "{\"type\":\"user\",\"isCompactSummary\":true,\"uuid\":\"m2\"," + COMMON
                + ",\"message\":{\"role\":\"user\",\"content\":\"This session is being continued from a previous conversation.\"}}";
        String system = "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\",\"uuid\":\"m3\"," + COMMON + "}";

        assertThat(single(map(main, expanded)).role()).isEqualTo("system");
        TurnEvent summary = single(map(main, compacted));
        assertThat(summary.role()).isEqualTo("system");
        assertThat(summary.kind()).isEqualTo("compaction");
        TurnEvent boundary = single(map(main, system.replace("}", ",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":155979}}")));
        assertThat(boundary.role()).isEqualTo("system");
        assertThat(boundary.kind()).isEqualTo("compaction");
        assertThat(boundary.content()).isEqualTo("Conversation compacted (auto, 155979 tokens before)");
        String switched = "{\"type\":\"system\",\"content\":\"Claude Opus 4 limit reached, now using Sonnet 4\",\"level\":\"warning\",\"uuid\":\"m4\"," + COMMON + "}";
        assertThat(single(map(main, switched)).kind()).isEqualTo("system");
    }

    @Test
    void aSlashCommandReadsAsTypedAndItsLocalOutputAsASystemTurn() {
        String command = user("c1", quote("<command-name>/review</command-name>\n<command-message>review</command-message>\n"
                + "<command-args>42 --strict</command-args>"));
        String output = user("c2", quote("<local-command-stdout>See ya!</local-command-stdout>"));

        TurnEvent typed = single(map(main, command));
        TurnEvent said = single(map(main, output));

        assertThat(typed.role()).isEqualTo("user");
        assertThat(typed.content()).isEqualTo("/review 42 --strict");
        assertThat(said.role()).isEqualTo("system");
        assertThat(said.content()).isEqualTo("See ya!");
    }

    @Test
    void aTitleClaudeCodeOrThePersonGaveIsSentWithTheSessionsLatestTurnAndTheCustomOneWins() {
        TurnEvent prompt = single(map(main, user("u1", "\"Fix the build\"")));
        MappedLine custom = map(main, "{\"type\":\"custom-title\",\"customTitle\":\"Build fix\",\"sessionId\":\"" + SESSION + "\"}");
        MappedLine ai = map(main, "{\"type\":\"ai-title\",\"aiTitle\":\"Fixing a build\",\"sessionId\":\"" + SESSION + "\"}");

        assertThat(custom.outcome()).isEqualTo(MappedLine.Outcome.TITLE);
        TurnEvent carrier = single(custom);
        assertThat(carrier.turnId()).isEqualTo(prompt.turnId());
        assertThat(carrier.content()).isEqualTo(prompt.content());
        assertThat(carrier.sessionMeta()).containsEntry("title", "Build fix");
        assertThat(ai.turns()).isEmpty();
        assertThat(ai.reason()).isEqualTo("ai-title after a custom title");
    }

    @Test
    void linesThatAreNotConversationAreSkippedByName() {
        assertThat(map(main, "{\"type\":\"file-history-snapshot\",\"messageId\":\"x\",\"snapshot\":{}}").reason())
                .isEqualTo("not conversation: file-history-snapshot");
        assertThat(map(main, "{\"type\":\"queue-operation\",\"operation\":\"enqueue\"}").reason())
                .isEqualTo("not conversation: queue-operation");
        assertThat(map(main, "{\"type\":\"progress\",\"data\":{}}").reason()).isEqualTo("not conversation: progress");
        assertThat(map(main, "{\"type\":\"pr-link\",\"url\":\"https://example.org/pr/1\"}").reason()).isEqualTo("not conversation: pr-link");
        assertThat(map(main, "{\"type\":\"hologram-2027\"}").reason()).isEqualTo("unknown type: hologram-2027");
        assertThat(map(main, "   ").reason()).isEqualTo("blank line");
        assertThat(map(main, user("u1", "[{\"type\":\"text\",\"text\":\"  \"}]")).reason()).isEqualTo("no content");
        assertThat(map(main, "{\"type\":\"user\",\"uuid\":\"u1\"").outcome()).isEqualTo(MappedLine.Outcome.MALFORMED);
        assertThat(map(main, "{\"type\":\"user\"} trailing").reason()).startsWith("not valid JSON");
    }

    @Test
    void blocksOfUnknownTypesAreKeptAsJsonWithAttachmentsLeftOut() {
        String blob = "A".repeat(4000);
        TurnEvent turn = single(map(main, assistant("a1", "m", "r",
                "[{\"type\":\"hologram\",\"caption\":\"a cat\",\"data\":\"" + blob + "\"}]", null)));

        assertThat(turn.kind()).isEqualTo("hologram");
        assertThat(turn.content()).startsWith("[hologram]\n```json\n").contains("\"caption\": \"a cat\"")
                .contains("<2.9 KB of base64 data not imported>").doesNotContain(blob);
    }

    @Test
    void inlineSidechainRunsBecomeSessionsOfTheirOwnLinkedToTheParentAndTheCallThatSpawnedThem() {
        map(main, assistant("t1", "msg_t", "req_t", "[{\"type\":\"text\",\"text\":\"Delegating.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_task\",\"name\":\"Task\",\"input\":{\"description\":\"Components\","
                + "\"subagent_type\":\"general-purpose\",\"prompt\":\"Create the components\"}}]", null));
        String rootA = sidechain("s1", null, "Create the components");
        String rootB = sidechain("s2", null, "Create the types");
        String childA = sidechain("s3", "s1", "Done with components");
        TurnEvent a = single(map(main, rootA));
        TurnEvent b = single(map(main, rootB));
        TurnEvent a2 = single(map(main, childA));

        assertThat(a.sessionId()).isEqualTo(SESSION + ":agent-s1");
        assertThat(b.sessionId()).isEqualTo(SESSION + ":agent-s2");
        assertThat(a2.sessionId()).isEqualTo(SESSION + ":agent-s1");
        assertThat(a.sessionMeta()).containsEntry("parent_session_id", SESSION).containsEntry("agent_id", "s1")
                .containsEntry("parent_turn_id", "t1#1").containsEntry("agent", "general-purpose")
                .containsEntry("title", "Components");
        assertThat(b.sessionMeta()).containsEntry("parent_session_id", SESSION).doesNotContainKey("parent_turn_id");
        assertThat(single(map(main, user("u9", "\"back in the main chain\""))).sessionId()).isEqualTo(SESSION);
    }

    @Test
    void subagentFilesAreOneSessionEachNamedAfterTheFile() {
        FileContext flat = context("/home/me/.claude/projects/p/agent-a1b2c3.jsonl");
        FileContext nested = context("/home/me/.claude/projects/p/" + SESSION + "/subagents/agent-x9.jsonl");
        String line = sidechain("s1", null, "Run the suite");

        assertThat(single(map(flat, line)).sessionId()).isEqualTo(SESSION + ":agent-a1b2c3");
        TurnEvent inNested = single(map(nested, line.replace("\"sessionId\":\"" + SESSION + "\",", "")));
        assertThat(inNested.sessionId()).isEqualTo(SESSION + ":agent-x9");
        assertThat(inNested.sessionMeta()).containsEntry("parent_session_id", SESSION);
        assertThat(nested.file().projectDir()).isEqualTo(Path.of("/home/me/.claude/projects/p"));
    }

    @Test
    void aSessionIdLetheCannotUseIsReportedNotSent() {
        MappedLine mapped = map(main, user("u1", "\"hi\"").replace(SESSION, "a/b"));
        assertThat(mapped.outcome()).isEqualTo(MappedLine.Outcome.MALFORMED);
        assertThat(mapped.reason()).contains("sessionId");
    }

    @Test
    void aSummaryIsATitleForTheSessionOfItsLeaf() {
        MappedLine mapped = map(main, "{\"type\":\"summary\",\"summary\":\"Empty Repo Setup\",\"leafUuid\":\"leaf-1\"}");
        assertThat(mapped.outcome()).isEqualTo(MappedLine.Outcome.TITLE);
        assertThat(mapped.title().leafUuid()).isEqualTo("leaf-1");
        assertThat(mapped.title().title()).isEqualTo("Empty Repo Setup");
        assertThat(mapped.title().projectDir()).isEqualTo("/home/me/.claude/projects/-home-me-demo");
    }

    private MappedLine map(FileContext context, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return mapper.map(context, bytes, bytes.length, ++lineNumber);
    }

    private static TurnEvent single(MappedLine mapped) {
        assertThat(mapped.turns()).as(mapped.outcome() + " " + mapped.reason()).hasSize(1);
        return mapped.turns().get(0);
    }

    private static FileContext context(String path) {
        Path file = Path.of(path);
        return new FileContext(TranscriptFile.of(file), path.replace("/home/me/", "~/"));
    }

    private static String user(String uuid, String content) {
        return "{\"type\":\"user\",\"uuid\":\"" + uuid + "\"," + COMMON + ",\"message\":{\"role\":\"user\",\"content\":" + content + "}}";
    }

    private static String sidechain(String uuid, String parent, String prompt) {
        return "{\"type\":\"user\",\"isSidechain\":true,\"parentUuid\":" + (parent == null ? "null" : "\"" + parent + "\"")
                + ",\"uuid\":\"" + uuid + "\"," + COMMON + ",\"message\":{\"role\":\"user\",\"content\":" + quote(prompt) + "}}";
    }

    private static String assistant(String uuid, String messageId, String requestId, String content, String usage) {
        return "{\"type\":\"assistant\",\"uuid\":\"" + uuid + "\",\"requestId\":\"" + requestId + "\"," + COMMON
                + ",\"message\":{\"id\":\"" + messageId + "\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\","
                + "\"content\":" + content + (usage == null ? "" : ",\"usage\":" + usage) + "}}";
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
