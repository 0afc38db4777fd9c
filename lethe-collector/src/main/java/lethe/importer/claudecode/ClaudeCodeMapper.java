package lethe.importer.claudecode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.Role;
import lethe.api.TurnEvent;
import lethe.api.Usage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Maps one line of a Claude Code transcript to turns (the table in {@code docs/importer.md}).
 *
 * <p>Each content block of a line becomes one turn, so that text, thinking, a tool call and its output
 * each get their role and {@code kind}. The first block's turn id is the line's {@code uuid}; block
 * {@code i > 0} gets {@code uuid#i}. The order is {@code seq = line number × 10 000 + block index}: files
 * are only ever appended to, so a line keeps its number and every re-import gives every turn the same
 * seq, without any state beyond the file itself.
 *
 * <p>Reading is tolerant: unknown fields are ignored, unknown line types are skipped by name, unknown
 * block types are kept as their JSON, so a Claude Code version this code has never seen still imports.
 *
 * <p>Not thread-safe: one importer, one mapper.
 */
public final class ClaudeCodeMapper {

    public static final String TOOL = "claude-code";
    /** Room for the content blocks of one line in the seq space; blocks beyond it join the last turn. */
    static final int BLOCKS_PER_LINE = 10_000;

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,256}");
    private static final Pattern UNSAFE_ID_CHARS = Pattern.compile("[^A-Za-z0-9._@-]");
    private static final Pattern KIND = Pattern.compile("[a-z_]{1,64}");
    private static final int MAX_TURN_ID = 240;
    /** Claude Code's model name on messages it made up itself (API errors, interruptions). */
    private static final String SYNTHETIC_MODEL = "<synthetic>";

    private final ObjectMapper json;
    private final ContentRenderer render;
    private final String host;
    /** Consecutive lines nearly always share their session id: checking it once per run of lines is enough. */
    private String lastSafeSessionId;

    public ClaudeCodeMapper(ObjectMapper json, String host) {
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.render = new ContentRenderer(json);
        this.host = host;
    }

    public String host() {
        return host;
    }

    /** Maps line {@code lineNumber} (1-based) of the context's file, and records what later lines need. */
    public MappedLine map(FileContext context, byte[] bytes, int length, long lineNumber) {
        if (isBlank(bytes, length)) {
            return MappedLine.skipped("blank line");
        }
        JsonNode line;
        try {
            line = json.readTree(bytes, 0, length);
        } catch (JsonProcessingException e) {
            return MappedLine.malformed("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return MappedLine.malformed("not readable: " + e.getMessage());
        }
        if (line == null || !line.isObject()) {
            return MappedLine.malformed("not a JSON object");
        }
        JsonNode type = line.path("type");
        if (!type.isTextual()) {
            return MappedLine.skipped("no type");
        }
        return switch (type.textValue()) {
            case "user", "assistant", "system" -> conversation(context, line, type.textValue(), lineNumber);
            case "summary" -> summary(context, line);
            case "file-history-snapshot", "queue-operation" -> MappedLine.skipped("not conversation: " + type.textValue());
            default -> MappedLine.skipped("unknown type: " + printable(type.textValue()));
        };
    }

    /** True when a line that lacks its newline is nevertheless whole: one complete JSON object. */
    public boolean isCompleteObject(byte[] bytes, int length) {
        try {
            JsonNode node = json.readTree(bytes, 0, length);
            return node != null && node.isObject();
        } catch (IOException incomplete) {
            return false;
        }
    }

    private MappedLine summary(FileContext context, JsonNode line) {
        JsonNode title = line.path("summary");
        JsonNode leaf = line.path("leafUuid");
        if (!title.isTextual() || title.textValue().isBlank() || !leaf.isTextual() || leaf.textValue().isEmpty()) {
            return MappedLine.malformed("summary line without summary text or leafUuid");
        }
        return MappedLine.title(new PendingTitle(leaf.textValue(), title.textValue().strip(),
                context.file().projectDir().toString()));
    }

    private MappedLine conversation(FileContext context, JsonNode line, String type, long lineNumber) {
        JsonNode uuidNode = line.path("uuid");
        if (!uuidNode.isTextual() || uuidNode.textValue().isEmpty()) {
            return MappedLine.malformed("no uuid");
        }
        String uuid = uuidNode.textValue();
        if (uuid.length() > MAX_TURN_ID || uuid.chars().anyMatch(Character::isISOControl)) {
            return MappedLine.malformed("uuid is not usable as a turn id");
        }
        JsonNode time = line.path("timestamp");
        if (time.isMissingNode() || time.isNull()) {
            return MappedLine.malformed("no timestamp");
        }
        OptionalDouble timestamp = Timestamps.seconds(time);
        if (timestamp.isEmpty()) {
            return MappedLine.malformed("unreadable timestamp: " + printable(time.asText()));
        }
        SessionPlace place = place(context, line, uuid);
        if (place.problem != null) {
            return MappedLine.malformed(place.problem);
        }
        List<BlockTurn> blocks;
        if (type.equals("system")) {
            blocks = List.of(systemLine(line));
        } else {
            JsonNode message = line.path("message");
            if (!message.isObject()) {
                return MappedLine.malformed("message is not an object");
            }
            JsonNode content = message.path("content");
            if (content.isMissingNode() || content.isNull()) {
                return MappedLine.malformed("message has no content");
            }
            if (!content.isTextual() && !content.isArray()) {
                return MappedLine.malformed("message content is neither text nor a list of blocks");
            }
            blocks = type.equals("assistant") ? assistantBlocks(context, content) : userBlocks(context, line, content);
        }
        if (blocks.isEmpty()) {
            return MappedLine.skipped("no content");
        }
        return MappedLine.turns(events(context, line, type, uuid, timestamp.getAsDouble(), lineNumber, place, blocks));
    }

    private List<TurnEvent> events(FileContext context, JsonNode line, String type, String uuid, double timestamp,
                                   long lineNumber, SessionPlace place, List<BlockTurn> blocks) {
        String model = null;
        Usage usage = null;
        if (type.equals("assistant")) {
            JsonNode message = line.path("message");
            model = modelOf(message);
            usage = newUsage(context, message, line.path("requestId"), uuid);
        }
        Map<String, Object> meta = meta(context, line, place);
        Map<String, Object> changedMeta = meta.equals(context.metaSent.get(place.sessionId)) ? null : meta;
        context.metaSent.put(place.sessionId, meta);

        List<TurnEvent> events = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            BlockTurn block = blocks.get(i);
            boolean first = i == 0;
            String turnId = block.index == 0 ? uuid : uuid + "#" + block.index;
            events.add(new TurnEvent(TOOL, host, place.sessionId, turnId,
                    lineNumber * BLOCKS_PER_LINE + block.index, block.role.wireName(), timestamp, block.content,
                    first ? changedMeta : null, model, first ? usage : null, block.kind, block.toolName, null, null, null));
        }
        return events;
    }

    private BlockTurn systemLine(JsonNode line) {
        JsonNode content = line.path("content");
        String text = content.isTextual() ? content.textValue()
                : content.isMissingNode() || content.isNull() ? line.path("subtype").asText("") : content.toString();
        return new BlockTurn(0, Role.SYSTEM, "text", text, null);
    }

    private List<BlockTurn> assistantBlocks(FileContext context, JsonNode content) {
        List<BlockTurn> turns = new ArrayList<>();
        if (content.isTextual()) {
            addText(turns, 0, Role.ASSISTANT, content.textValue());
            return turns;
        }
        int index = 0;
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> addText(turns, index, Role.ASSISTANT, block.path("text").asText(""));
                case "thinking" -> {
                    String thinking = block.path("thinking").asText("");
                    if (!thinking.isBlank()) {
                        add(turns, new BlockTurn(index, Role.ASSISTANT, "thinking", thinking, null));
                    }
                }
                case "redacted_thinking" -> add(turns, new BlockTurn(index, Role.ASSISTANT, "thinking", "[redacted thinking]", null));
                case "tool_use", "server_tool_use", "mcp_tool_use" -> {
                    String name = block.path("name").asText("tool");
                    if (block.path("id").isTextual()) {
                        context.toolNames.put(block.path("id").textValue(), name);
                    }
                    add(turns, new BlockTurn(index, Role.ASSISTANT, "tool_use", render.toolCall(name, block.path("input")), name));
                }
                default -> add(turns, otherBlock(context, Role.ASSISTANT, index, type, block));
            }
            index++;
        }
        return turns;
    }

    private List<BlockTurn> userBlocks(FileContext context, JsonNode line, JsonNode content) {
        // Text Claude Code put in the user's place (an expanded slash command, a compaction summary) is
        // not something the person typed.
        Role speaker = line.path("isMeta").asBoolean(false) || line.path("isCompactSummary").asBoolean(false)
                ? Role.SYSTEM : Role.USER;
        List<BlockTurn> turns = new ArrayList<>();
        if (content.isTextual()) {
            addText(turns, 0, speaker, content.textValue());
            return turns;
        }
        int index = 0;
        for (JsonNode block : content) {
            if (block.isTextual()) {
                addText(turns, index, speaker, block.textValue());
            } else {
                String type = block.path("type").asText("");
                if (type.equals("text")) {
                    addText(turns, index, speaker, block.path("text").asText(""));
                } else {
                    add(turns, otherBlock(context, speaker, index, type, block));
                }
            }
            index++;
        }
        return turns;
    }

    /** Blocks either side may carry: tool results, attachments, and types this code does not know. */
    private BlockTurn otherBlock(FileContext context, Role speaker, int index, String type, JsonNode block) {
        if (type.equals("tool_result") || type.endsWith("_tool_result")) {
            String name = context.toolNames.get(block.path("tool_use_id").asText(""));
            String output = render.toolResult(block.path("content"), block.path("is_error").asBoolean(false));
            return new BlockTurn(index, Role.TOOL, "tool_result", output, name);
        }
        if (type.equals("image") || type.equals("document")) {
            return new BlockTurn(index, speaker, type, render.attachment(type, block.path("source")), null);
        }
        String label = type.isEmpty() ? (block.isObject() ? "block without type" : "value") : printable(type);
        String kind = KIND.matcher(type).matches() ? type : null;
        return new BlockTurn(index, speaker, kind, render.unknownBlock(label, block), null);
    }

    private static void addText(List<BlockTurn> turns, int index, Role role, String text) {
        if (!text.isBlank()) {
            add(turns, new BlockTurn(index, role, "text", text, null));
        }
    }

    /**
     * Adds a block's turn. From the last slot of a line's seq range on, blocks share one turn, so that a
     * line with absurdly many blocks never takes seq values of the next line.
     */
    private static void add(List<BlockTurn> turns, BlockTurn turn) {
        int lastSlot = BLOCKS_PER_LINE - 1;
        if (turn.index < lastSlot) {
            turns.add(turn);
            return;
        }
        if (!turns.isEmpty() && turns.get(turns.size() - 1).index == lastSlot) {
            BlockTurn shared = turns.remove(turns.size() - 1);
            turns.add(new BlockTurn(lastSlot, shared.role, shared.kind, shared.content + "\n\n" + turn.content,
                    shared.toolName));
        } else {
            turns.add(turn.at(lastSlot));
        }
    }

    /**
     * Which session a line goes to. Subagent runs become sessions of their own, named
     * {@code <parent-session>:agent-<id>} and linked to their parent through the meta: a file's agent id
     * for subagent files, the uuid of the run's first line for sidechains written inline.
     */
    private SessionPlace place(FileContext context, JsonNode line, String uuid) {
        TranscriptFile file = context.file();
        JsonNode sessionNode = line.path("sessionId");
        String sessionId = sessionNode.isTextual() ? sessionNode.textValue() : file.parentSessionHint();
        if (sessionId == null || sessionId.isEmpty()) {
            return SessionPlace.problem("no sessionId");
        }
        if (!sessionId.equals(lastSafeSessionId)) {
            if (!SAFE_ID.matcher(sessionId).matches() || sessionId.equals(".") || sessionId.equals("..")) {
                return SessionPlace.problem("sessionId has characters lethe does not accept in a session id");
            }
            lastSafeSessionId = sessionId;
        }
        if (file.isSubagent()) {
            return SessionPlace.subagent(sessionId, file.agentId());
        }
        if (line.path("isSidechain").asBoolean(false)) {
            String parent = line.path("parentUuid").isTextual() ? line.path("parentUuid").textValue() : null;
            String root = parent == null ? null : context.sidechainRoots.get(parent);
            if (root == null) {
                root = uuid;
            }
            context.sidechainRoots.put(uuid, root);
            return SessionPlace.subagent(sessionId, root);
        }
        return SessionPlace.main(sessionId);
    }

    private static Map<String, Object> meta(FileContext context, JsonNode line, SessionPlace place) {
        Map<String, Object> meta = new LinkedHashMap<>();
        putText(meta, "cwd", line.path("cwd"));
        putText(meta, "git_branch", line.path("gitBranch"));
        putText(meta, "version", line.path("version"));
        meta.put("source_file", context.sourceLabel());
        if (place.parentSessionId != null) {
            meta.put("parent_session_id", place.parentSessionId);
            meta.put("agent_id", place.agentId);
        }
        return meta;
    }

    private static void putText(Map<String, Object> meta, String key, JsonNode value) {
        if (value.isTextual() && !value.textValue().isBlank()) {
            meta.put(key, value.textValue());
        }
    }

    private static String modelOf(JsonNode message) {
        JsonNode model = message.path("model");
        if (!model.isTextual() || model.textValue().isBlank() || model.textValue().equals(SYNTHETIC_MODEL)) {
            return null;
        }
        String name = model.textValue();
        return name.length() > 256 || name.chars().anyMatch(Character::isISOControl) ? null : name;
    }

    /**
     * The tokens of this line's response not yet counted on an earlier line. Claude Code writes a response
     * with several content blocks as several lines sharing {@code message.id} and {@code requestId}, each
     * with the usage known when it was written (output tokens grow line by line). Sending on each line only
     * what exceeds the maximum seen so far makes the turns of a response add up to that response's final
     * usage, counted once, whichever lines a run happens to read.
     */
    private static Usage newUsage(FileContext context, JsonNode message, JsonNode requestId, String uuid) {
        JsonNode usage = message.path("usage");
        if (!usage.isObject()) {
            return null;
        }
        String key = message.path("id").isTextual()
                ? message.path("id").textValue() + "|" + requestId.asText("")
                : "line|" + uuid;
        long[] counted = context.usageCounted.computeIfAbsent(key, k -> new long[4]);
        long[] now = {
                tokens(usage, "input_tokens"),
                tokens(usage, "output_tokens"),
                tokens(usage, "cache_read_input_tokens"),
                tokens(usage, "cache_creation_input_tokens")};
        Long[] delta = new Long[4];
        boolean any = false;
        for (int i = 0; i < 4; i++) {
            long more = now[i] - counted[i];
            if (more > 0) {
                delta[i] = more;
                counted[i] = now[i];
                any = true;
            }
        }
        return any ? new Usage(delta[0], delta[1], delta[2], delta[3]) : null;
    }

    private static long tokens(JsonNode usage, String field) {
        JsonNode value = usage.path(field);
        return value.canConvertToLong() && value.longValue() > 0 ? value.longValue() : 0;
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A value from the file, made safe to put in a one-line report. */
    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 60) + "…";
    }

    /** One turn-to-be: a content block with its role and kind. */
    private record BlockTurn(int index, Role role, String kind, String content, String toolName) {
        BlockTurn at(int newIndex) {
            return new BlockTurn(newIndex, role, kind, content, toolName);
        }
    }

    private record SessionPlace(String sessionId, String parentSessionId, String agentId, String problem) {
        static SessionPlace main(String sessionId) {
            return new SessionPlace(sessionId, null, null, null);
        }

        static SessionPlace subagent(String parentSessionId, String agentId) {
            String safeAgent = UNSAFE_ID_CHARS.matcher(agentId).replaceAll("_");
            String id = parentSessionId + ":agent-" + safeAgent;
            return new SessionPlace(id.length() <= 256 ? id : id.substring(0, 256), parentSessionId, agentId, null);
        }

        static SessionPlace problem(String problem) {
            return new SessionPlace(null, null, null, problem);
        }
    }
}
