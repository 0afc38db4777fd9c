package lethe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The records read and write exactly the JSON of the wire contract (SPEC §2–3). */
class WireContractTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aTurnEventWithEveryFieldRoundTrips() throws IOException {
        TurnEvent event = mapper.readValue(fixture("turn-event-full.json"), TurnEvent.class);

        assertThat(event.tool()).isEqualTo("claude-code");
        assertThat(event.sessionId()).isEqualTo("s1");
        assertThat(event.turnId()).isEqualTo("t1");
        assertThat(event.seq()).isEqualTo(3L);
        assertThat(event.timestamp()).isEqualTo(1700000000.5);
        assertThat(event.sessionMeta()).containsEntry("cwd", "/home/alice/p");
        assertThat(event.usage()).isEqualTo(new Usage(120L, 40L, 1000L, 0L));
        assertThat(event.kind()).isEqualTo("text");
        assertThat(event.toolName()).isEqualTo("Bash");
        assertSameJson(mapper.writeValueAsString(event), fixture("turn-event-full.json"));
    }

    @Test
    void unknownFieldsFromNewerCollectorsAreIgnored() throws IOException {
        TurnEvent event = mapper.readValue(fixture("turn-event-newer-collector.json"), TurnEvent.class);

        assertThat(event.tool()).isEqualTo("opencode");
        assertThat(event.usage()).isEqualTo(new Usage(1L, null, null, null));
        assertThat(mapper.writeValueAsString(event)).doesNotContain("annotations", "priority", "reasoning_tokens");
    }

    @Test
    void aMinimalTurnOmitsAbsentOptionalFields() throws IOException {
        TurnEvent event = TurnEvent.of("codex", "ci", "s3", "t1", 0, Role.USER, 1700000000, "");

        JsonNode json = mapper.readTree(mapper.writeValueAsString(event));

        assertThat(json.has("model")).isFalse();
        assertThat(json.has("usage")).isFalse();
        assertThat(json.has("session_meta")).isFalse();
        assertThat(json.get("role").asText()).isEqualTo("user");
        assertThat(json.get("content").asText()).isEmpty();
    }

    @Test
    void aSessionDetailCarriesTheSessionColumnsAtTopLevelAndItsTurns() throws IOException {
        SessionDetail detail = mapper.readValue(fixture("session-detail.json"), SessionDetail.class);

        assertThat(detail.session().owner()).isEqualTo("alice");
        assertThat(detail.session().turnCount()).isEqualTo(2);
        assertThat(detail.session().meta()).isEqualTo(Map.of("cwd", "/home/alice/p", "git_branch", "main"));
        assertThat(detail.turns()).extracting(Turn::turnId).containsExactly("t1", "t2");
        assertThat(detail.turns().get(1).usage()).isEqualTo(new Usage(10L, 20L, null, null));
        assertSameJson(mapper.writeValueAsString(detail), fixture("session-detail.json"));
    }

    @Test
    void aV2ToolCallTurnKeepsItsInputAsAnObjectAndRoundTrips() throws IOException {
        TurnEvent event = mapper.readValue(fixture("turn-event-v2-tool-call.json"), TurnEvent.class);

        assertThat(event.kind()).isEqualTo(TurnKind.TOOL_USE);
        assertThat(event.toolCall().id()).isEqualTo("toolu_01A");
        assertThat(event.toolCall().name()).isEqualTo("Edit");
        assertThat(event.toolCall().input()).containsEntry("file_path", "src/app.py").containsEntry("replace_all", false);
        assertThat(event.toolCall().input().get("edits")).isEqualTo(List.of(Map.of("line", 3), Map.of("line", 7)));
        assertThat(event.toolResult()).isNull();
        assertSameJson(mapper.writeValueAsString(event), fixture("turn-event-v2-tool-call.json"));
    }

    @Test
    void aV2ToolResultTurnWithAttachmentsRoundTrips() throws IOException {
        TurnEvent event = mapper.readValue(fixture("turn-event-v2-tool-result.json"), TurnEvent.class);

        assertThat(event.toolResult()).isEqualTo(new ToolResult("toolu_01B", true));
        assertThat(event.attachments()).containsExactly(
                new Attachment("image/png", "iVBORw0KGgo=", "screenshot.png"),
                new Attachment("image/webp", "UklGRhoAAABXRUJQ", null));
        assertSameJson(mapper.writeValueAsString(event), fixture("turn-event-v2-tool-result.json"));
    }

    @Test
    void aV2SessionDetailCarriesProjectParentSubagentsAndStoredAttachments() throws IOException {
        SessionDetail detail = mapper.readValue(fixture("session-detail-v2.json"), SessionDetail.class);

        Session session = detail.session();
        assertThat(session.project()).isEqualTo("/home/alice/p");
        assertThat(session.parent()).isEqualTo(new SessionParent("claude-code", "laptop", "s1", "toolu_task"));
        assertThat(session.subagentCount()).isEqualTo(1L);
        assertThat(session.costUsd()).isEqualTo(0.0123);
        assertThat(detail.turns().get(0).attachments()).containsExactly(new StoredAttachment(0, "image/png", "error.png",
                2048, "/api/v1/sessions/claude-code/laptop/s1:agent-a1/attachments/u1/0"));
        assertThat(detail.turns().get(1).toolCall()).isEqualTo(
                new ToolCall("toolu_9", "Bash", Map.of("command", "npm test", "timeout", 120000)));
        assertThat(detail.turns().get(2).toolResult()).isEqualTo(new ToolResult("toolu_9", false));
        assertThat(detail.subagents()).containsExactly(new Subagent("s1:agent-a1:agent-b2", "Check the fixture", "toolu_x", 4));
        assertSameJson(mapper.writeValueAsString(detail), fixture("session-detail-v2.json"));
    }

    @Test
    void aSessionDetailListsTheFilesItsToolCallsReadOrChangedWithTheirTurns() throws IOException {
        SessionDetail detail = mapper.readValue(fixture("session-detail-files.json"), SessionDetail.class);

        assertThat(detail.files()).containsExactly(
                new SessionFile("/home/alice/p/src/app.py", true, true, List.of("c1", "c3")),
                new SessionFile("README.md", true, false, List.of("c2")));
        assertSameJson(mapper.writeValueAsString(detail), fixture("session-detail-files.json"));
    }

    @Test
    void aV1SessionDetailStillReadsWithTheV2FieldsAbsent() throws IOException {
        SessionDetail detail = mapper.readValue(fixture("session-detail.json"), SessionDetail.class);

        assertThat(detail.session().project()).isNull();
        assertThat(detail.session().parent()).isNull();
        assertThat(detail.turns()).allSatisfy(turn -> {
            assertThat(turn.toolCall()).isNull();
            assertThat(turn.attachments()).isNull();
        });
        assertThat(detail.files()).isNull();
    }

    @Test
    void theWireRulesAcceptWhatV1AcceptedAndNameUsersWithSpaces() {
        assertThat(WireRules.isSafeId("claude-code")).isTrue();
        assertThat(WireRules.isSafeId("..")).isFalse();
        assertThat(WireRules.isSafeId("a/b")).isFalse();
        assertThat(WireRules.isKind("tool_use")).isTrue();
        assertThat(WireRules.isKind("web_fetch")).isTrue();
        assertThat(WireRules.isKind("Tool")).isFalse();
        assertThat(WireRules.isUserName("alice smith")).isTrue();
        assertThat(WireRules.isUserName(" alice")).isFalse();
        assertThat(WireRules.isUserName("eve\n")).isFalse();
        assertThat(WireRules.attachmentMediaTypes()).containsExactly("image/gif", "image/jpeg", "image/png", "image/webp");
    }

    @Test
    void anIdOrAKindIsCheckedCharacterByCharacterExactlyAsItsDocumentedPatternSays() {
        Pattern safeId = Pattern.compile("[" + WireRules.SAFE_ID_CHARACTERS + "]{1,256}");
        Pattern kind = Pattern.compile("[a-z_]{1,64}");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String one = String.valueOf(c);
            assertThat(WireRules.isSafeId(one)).as("id %04x", (int) c).isEqualTo(safeId.matcher(one).matches() && !one.equals("."));
            assertThat(WireRules.isKind(one)).as("kind %04x", (int) c).isEqualTo(kind.matcher(one).matches());
        }
        assertThat(WireRules.isSafeId("")).isFalse();
        assertThat(WireRules.isSafeId("a".repeat(256))).isTrue();
        assertThat(WireRules.isSafeId("a".repeat(257))).isFalse();
        assertThat(WireRules.isSafeId("host:8080@dev_1.local")).isTrue();
        assertThat(WireRules.isKind("")).isFalse();
        assertThat(WireRules.isKind("a".repeat(64))).isTrue();
        assertThat(WireRules.isKind("a".repeat(65))).isFalse();
    }

    @Test
    void aSessionPageRoundTrips() throws IOException {
        SessionPage page = mapper.readValue(fixture("session-page.json"), SessionPage.class);

        assertThat(page.limit()).isEqualTo(50);
        assertThat(page.sessions()).extracting(Session::title).containsExactly("Fix the build");
        assertSameJson(mapper.writeValueAsString(page), fixture("session-page.json"));
    }

    @Test
    void aGroupedSearchPageRoundTrips() throws IOException {
        SearchGroupedPage page = mapper.readValue(fixture("search-grouped-page.json"), SearchGroupedPage.class);

        assertThat(page.sessions()).extracting(SearchSessionHit::hitCount).containsExactly(2L);
        assertThat(page.sessions().get(0).project()).isEqualTo("/home/alice/app");
        assertThat(page.sessions().get(0).hits()).extracting(SearchHit::turnId).containsExactly("t2");
        assertSameJson(mapper.writeValueAsString(page), fixture("search-grouped-page.json"));
    }

    @Test
    void anIngestResultRoundTrips() throws IOException {
        IngestResult result = mapper.readValue(fixture("ingest-result.json"), IngestResult.class);

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.errors()).containsExactly(new IngestResult.LineError(3, "seq must be an integer >= 0, not a string"));
        assertSameJson(mapper.writeValueAsString(result), fixture("ingest-result.json"));
    }

    @Test
    void aProblemRoundTripsWithItsCodeAndLine() throws IOException {
        Problem problem = mapper.readValue(fixture("problem.json"), Problem.class);

        assertThat(problem.code()).isEqualTo(ProblemCode.PAYLOAD_TOO_LARGE.name());
        assertThat(problem.status()).isEqualTo(ProblemCode.PAYLOAD_TOO_LARGE.status());
        assertThat(problem.line()).isEqualTo(7L);
        assertThat(problem.errorId()).isNull();
        assertSameJson(mapper.writeValueAsString(problem), fixture("problem.json"));
    }

    @Test
    void rolesAreNamedInLowerCaseOnTheWire() {
        assertThat(List.of(Role.values())).extracting(Role::wireName).containsExactly("user", "assistant", "system", "tool");
        assertThat(Role.fromWire("assistant")).contains(Role.ASSISTANT);
        assertThat(Role.fromWire("Assistant")).isEmpty();
    }

    /** Same JSON, where 1700000000 and 1.7E9 count as the same number (doubles are written either way). */
    private void assertSameJson(String actual, String expected) throws IOException {
        JsonNode actualTree = mapper.readTree(actual);
        JsonNode expectedTree = mapper.readTree(expected);
        Comparator<JsonNode> numbersByValue = (a, b) -> a.isNumber() && b.isNumber()
                ? Double.compare(a.asDouble(), b.asDouble())
                : a.equals(b) ? 0 : 1;
        assertThat(actualTree.equals(numbersByValue, expectedTree))
                .as("%s%nshould equal%n%s", actualTree, expectedTree).isTrue();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = WireContractTest.class.getResourceAsStream("/wire/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
