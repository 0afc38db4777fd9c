package lethe.importer.claudecode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.Attachment;
import lethe.api.Role;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.TurnEvent;
import lethe.api.TurnKind;
import lethe.api.Usage;
import lethe.api.WireRules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps one line of a Claude Code transcript to turns of the v2 wire model (the table in
 * {@code docs/importer.md}).
 *
 * <p>Each content block of a line becomes one turn, so that text, thinking, a tool call and its output
 * each get their role and {@code kind}: a call carries {@code tool_call} (its input as the object the model
 * sent) with a one-line summary as content, a result carries {@code tool_result} with the output exactly as
 * content, images travel as {@code attachments}. The first block's turn id is the line's {@code uuid}; block
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

    private static final Pattern UNSAFE_ID_CHARS = Pattern.compile("[^A-Za-z0-9._@-]");
    /** A slash command as Claude Code records it: {@code <command-name>/init</command-name>} with message and args. */
    private static final Pattern COMMAND_NAME = Pattern.compile("<command-name>\\s*/?([^<]*?)\\s*</command-name>");
    private static final Pattern COMMAND_ARGS = Pattern.compile("(?s)<command-args>(.*?)</command-args>");
    private static final Pattern COMMAND_TAGS = Pattern.compile(
            "(?s)\\s*(<(command-name|command-message|command-args)>.*?</\\2>\\s*)+");
    private static final Pattern LOCAL_OUTPUT = Pattern.compile(
            "(?s)\\s*<local-command-(stdout|stderr)>(.*?)</local-command-\\1>\\s*");
    /** Record types that are Claude Code's bookkeeping, not conversation: counted by type, never sent. */
    private static final Set<String> NOT_CONVERSATION = Set.of("file-history-snapshot", "queue-operation", "progress",
            "attachment", "permission-mode", "last-prompt", "pr-link", "agent-name", "tag", "mode");
    private static final int MAX_TURN_ID = 240;
    /** Claude Code's model name on messages it made up itself (API errors, interruptions). */
    private static final String SYNTHETIC_MODEL = "<synthetic>";

    private final ObjectMapper json;
    private final ContentRenderer render;
    private final Spawns spawns;
    private final String host;
    /** Consecutive lines nearly always share their session id: checking it once per run of lines is enough. */
    private String lastSafeSessionId;

    public ClaudeCodeMapper(ObjectMapper json, String host) {
        this(json, host, WireRules.DEFAULT_MAX_ATTACHMENT_BYTES);
    }

    /** @param maxAttachmentBytes the server's {@code ingest.max_attachment_bytes}: larger images become a placeholder */
    public ClaudeCodeMapper(ObjectMapper json, String host, long maxAttachmentBytes) {
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.render = new ContentRenderer(json, maxAttachmentBytes);
        this.spawns = new Spawns(json);
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
            case "custom-title", "ai-title" -> sessionTitle(context, line, type.textValue());
            default -> NOT_CONVERSATION.contains(type.textValue())
                    ? MappedLine.skipped("not conversation: " + type.textValue())
                    : MappedLine.skipped("unknown type: " + printable(type.textValue()));
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

    /**
     * A title Claude Code gave the session ({@code ai-title}) or the person set ({@code custom-title}, which
     * an ai-title never replaces). It goes out with the session's latest turn, sent again unchanged but for
     * the title in its meta; a title before any turn waits in the meta of the session's first turn.
     */
    private MappedLine sessionTitle(FileContext context, JsonNode line, String type) {
        String title = null;
        for (String field : new String[] {"customTitle", "aiTitle", "title"}) {
            if (line.path(field).isTextual() && !line.path(field).textValue().isBlank()) {
                title = line.path(field).textValue().strip();
                break;
            }
        }
        JsonNode sessionNode = line.path("sessionId");
        String sessionId = sessionNode.isTextual() ? sessionNode.textValue() : context.file().parentSessionHint();
        if (title == null || sessionId == null || !WireRules.isSafeId(sessionId)) {
            return MappedLine.malformed(type + " line without a title or a usable sessionId");
        }
        boolean custom = type.equals("custom-title");
        if (!custom && context.titleIsCustom.getOrDefault(sessionId, false)) {
            return MappedLine.skipped("ai-title after a custom title");
        }
        context.titles.put(sessionId, title);
        context.titleIsCustom.put(sessionId, custom);
        TurnEvent latest = context.lastTurns.get(sessionId);
        if (latest == null) {
            return MappedLine.title(null);
        }
        Map<String, Object> meta = new LinkedHashMap<>(context.metaSent.getOrDefault(sessionId, Map.of()));
        meta.put("title", title);
        context.metaSent.put(sessionId, meta);
        TurnEvent carrier = latest.withSessionMeta(meta);
        context.lastTurns.put(sessionId, carrier);
        return MappedLine.titled(carrier);
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
            blocks = type.equals("assistant") ? assistantBlocks(context, line, uuid, content) : userBlocks(context, line, content);
        }
        if (blocks.isEmpty()) {
            if (type.equals("assistant")) {
                // A response line with nothing to show (an empty thinking block) still cost tokens: they go
                // with the session's next assistant turn, so that no response's usage is lost.
                Usage unshown = newUsage(context, line.path("message"), line.path("requestId"), uuid);
                if (unshown != null) {
                    context.unshownUsage.merge(place.sessionId, unshown, ClaudeCodeMapper::plus);
                }
            }
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
            usage = plus(newUsage(context, message, line.path("requestId"), uuid), context.unshownUsage.remove(place.sessionId));
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
                    first ? changedMeta : null, model, first ? usage : null, block.kind, block.toolName,
                    block.toolCall, block.toolResult, block.attachments.isEmpty() ? null : block.attachments));
        }
        context.lastTurns.put(place.sessionId, events.get(events.size() - 1));
        return events;
    }

    /**
     * A line Claude Code wrote itself: a compaction boundary ({@code kind: compaction}), an error, or another
     * notice ({@code kind: system}) such as a model switch, a hook summary or a turn's duration.
     */
    private static BlockTurn systemLine(JsonNode line) {
        JsonNode content = line.path("content");
        String subtype = line.path("subtype").asText("");
        String text = content.isTextual() ? content.textValue()
                : content.isMissingNode() || content.isNull() ? subtype : content.toString();
        if (subtype.equals("compact_boundary")) {
            JsonNode compaction = line.path("compactMetadata");
            List<String> details = new ArrayList<>();
            if (compaction.path("trigger").isTextual()) {
                details.add(compaction.path("trigger").textValue());
            }
            if (compaction.path("preTokens").canConvertToLong()) {
                details.add(compaction.path("preTokens").longValue() + " tokens before");
            }
            String said = text.isBlank() ? "Conversation compacted" : text;
            return BlockTurn.of(0, Role.SYSTEM, TurnKind.COMPACTION,
                    details.isEmpty() ? said : said + " (" + String.join(", ", details) + ")");
        }
        if (subtype.equals("turn_duration") && line.path("durationMs").canConvertToLong()) {
            text = String.format(Locale.ROOT, "Turn took %.1f s", line.path("durationMs").longValue() / 1000.0)
                    + (line.path("messageCount").canConvertToInt() ? " (" + line.path("messageCount").intValue() + " messages)" : "");
        } else if (subtype.equals("stop_hook_summary")) {
            List<String> hooks = new ArrayList<>();
            line.path("hookInfos").forEach(hook -> hooks.add(hook.path("command").asText("")));
            List<String> errors = new ArrayList<>();
            line.path("hookErrors").forEach(error -> errors.add(error.isTextual() ? error.textValue() : error.toString()));
            text = "Stop hook ran: " + String.join("; ", hooks) + (errors.isEmpty() ? "" : "\nErrors: " + String.join("; ", errors));
        }
        boolean error = line.path("level").asText("").equals("error") || subtype.contains("error");
        return BlockTurn.of(0, Role.SYSTEM, error ? TurnKind.ERROR : TurnKind.SYSTEM, text);
    }

    private List<BlockTurn> assistantBlocks(FileContext context, JsonNode line, String uuid, JsonNode content) {
        // Claude Code's own stand-in for a response that failed (an API error, a usage limit).
        String textKind = line.path("isApiErrorMessage").asBoolean(false) ? TurnKind.ERROR : TurnKind.TEXT;
        List<BlockTurn> turns = new ArrayList<>();
        if (content.isTextual()) {
            addText(turns, 0, Role.ASSISTANT, textKind, content.textValue());
            return turns;
        }
        int index = 0;
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> addText(turns, index, Role.ASSISTANT, textKind, block.path("text").asText(""));
                case "thinking" -> {
                    String thinking = block.path("thinking").asText("");
                    if (!thinking.isBlank()) {
                        add(turns, BlockTurn.of(index, Role.ASSISTANT, TurnKind.THINKING, thinking));
                    }
                }
                case "redacted_thinking" -> add(turns, BlockTurn.of(index, Role.ASSISTANT, TurnKind.THINKING, "[redacted thinking]"));
                case "tool_use", "server_tool_use", "mcp_tool_use" -> add(turns, toolCall(context, uuid, index, block));
                default -> add(turns, otherBlock(context, line, Role.ASSISTANT, index, type, block));
            }
            index++;
        }
        return turns;
    }

    private BlockTurn toolCall(FileContext context, String uuid, int index, JsonNode block) {
        String name = block.path("name").isTextual() && !block.path("name").textValue().isBlank()
                ? block.path("name").textValue() : "tool";
        String turnId = index == 0 ? uuid : uuid + "#" + index;
        // A call always has an id in Claude Code's own files; one without gets its turn's, which is as stable.
        String callId = block.path("id").isTextual() && !block.path("id").textValue().isEmpty()
                ? block.path("id").textValue() : turnId;
        context.toolNames.put(callId, name);
        context.callIdsByLine.computeIfAbsent(uuid, line -> new ArrayList<>()).add(callId);
        Spawns.Spawn spawn = Spawns.spawn(turnId, block);
        if (spawn != null) {
            context.spawns.add(spawn);
        }
        JsonNode input = block.path("input");
        return new BlockTurn(index, Role.ASSISTANT, TurnKind.TOOL_USE, render.toolSummary(name, input), name,
                new ToolCall(callId, name, render.toolInput(input)), null, List.of());
    }

    private List<BlockTurn> userBlocks(FileContext context, JsonNode line, JsonNode content) {
        // Text Claude Code put in the user's place (an expanded slash command, a compaction summary) is
        // not something the person typed.
        boolean compaction = line.path("isCompactSummary").asBoolean(false);
        Role speaker = line.path("isMeta").asBoolean(false) || compaction ? Role.SYSTEM : Role.USER;
        String textKind = compaction ? TurnKind.COMPACTION : TurnKind.TEXT;
        List<BlockTurn> turns = new ArrayList<>();
        if (content.isTextual()) {
            addUserText(turns, 0, speaker, textKind, content.textValue());
            return turns;
        }
        int index = 0;
        for (JsonNode block : content) {
            if (block.isTextual()) {
                addUserText(turns, index, speaker, textKind, block.textValue());
            } else {
                String type = block.path("type").asText("");
                if (type.equals("text")) {
                    addUserText(turns, index, speaker, textKind, block.path("text").asText(""));
                } else {
                    add(turns, otherBlock(context, line, speaker, index, type, block));
                }
            }
            index++;
        }
        return turns;
    }

    /**
     * Text in the person's place, with Claude Code's markup for slash commands made readable: the command
     * as typed ({@code /review 42}), and a local command's output as a system turn of its own text.
     */
    private static void addUserText(List<BlockTurn> turns, int index, Role speaker, String kind, String text) {
        if (speaker == Role.USER && COMMAND_TAGS.matcher(text).matches()) {
            Matcher name = COMMAND_NAME.matcher(text);
            if (name.find() && !name.group(1).isBlank()) {
                Matcher args = COMMAND_ARGS.matcher(text);
                String arguments = args.find() ? args.group(1).strip() : "";
                addText(turns, index, Role.USER, kind, "/" + name.group(1) + (arguments.isEmpty() ? "" : " " + arguments));
                return;
            }
        }
        Matcher output = LOCAL_OUTPUT.matcher(text);
        if (output.matches()) {
            add(turns, BlockTurn.of(index, Role.SYSTEM, output.group(1).equals("stderr") ? TurnKind.ERROR : TurnKind.SYSTEM,
                    output.group(2).isBlank() ? "(no output)" : output.group(2)));
            return;
        }
        addText(turns, index, speaker, kind, text);
    }

    /** Blocks either side may carry: tool results, images, documents, and types this code does not know. */
    private BlockTurn otherBlock(FileContext context, JsonNode line, Role speaker, int index, String type, JsonNode block) {
        if (type.equals("tool_result") || type.endsWith("_tool_result")) {
            String callId = block.path("tool_use_id").isTextual() ? block.path("tool_use_id").textValue()
                    : onlyCallOf(context, line.path("sourceToolAssistantUUID"));
            String name = callId == null ? null : context.toolNames.get(callId);
            if (callId != null) {
                String agentId = Spawns.agentIdOf(line, block);
                if (agentId != null) {
                    context.callIdByAgentId.put(agentId, callId);
                }
            }
            ContentRenderer.Output output = render.toolOutput(block.path("content"));
            boolean failed = block.path("is_error").asBoolean(false);
            return new BlockTurn(index, Role.TOOL, TurnKind.TOOL_RESULT, output.text(), name, null,
                    new ToolResult(callId, failed), output.attachments());
        }
        if (type.equals("image")) {
            ContentRenderer.Image image = render.image(block.path("source"));
            return new BlockTurn(index, speaker, TurnKind.IMAGE, image.placeholder(), null, null, null,
                    image.attachment() == null ? List.of() : List.of(image.attachment()));
        }
        if (type.equals("document")) {
            return BlockTurn.of(index, speaker, "document", render.document(block.path("source")));
        }
        String label = type.isEmpty() ? (block.isObject() ? "block without type" : "value") : printable(type);
        String kind = WireRules.isKind(type) ? type : null;
        return BlockTurn.of(index, speaker, kind, render.unknownBlock(label, block));
    }

    /**
     * A result without {@code tool_use_id} answers the call of the line Claude Code names in
     * {@code sourceToolAssistantUUID}, when that line made exactly one call.
     */
    private static String onlyCallOf(FileContext context, JsonNode callLine) {
        List<String> calls = callLine.isTextual() ? context.callIdsByLine.get(callLine.textValue()) : null;
        return calls != null && calls.size() == 1 ? calls.get(0) : null;
    }

    private static void addText(List<BlockTurn> turns, int index, Role role, String kind, String text) {
        if (!text.isBlank()) {
            add(turns, BlockTurn.of(index, role, kind, text));
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
                    shared.toolName, shared.toolCall, shared.toolResult, shared.attachments));
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
            if (!WireRules.isSafeId(sessionId) || sessionId.equals(".") || sessionId.equals("..")) {
                return SessionPlace.problem("sessionId has characters lethe does not accept in a session id");
            }
            lastSafeSessionId = sessionId;
        }
        if (file.isSubagent()) {
            if (context.subagentLink == null) {
                context.subagentLink = subagentLink(file, sessionId, line);
            }
            FileContext.SubagentLink link = context.subagentLink;
            Spawns.Spawn spawn = link.spawn();
            return SessionPlace.subagent(sessionId, file.agentId(), spawn,
                    link.meta().agentType() != null ? link.meta().agentType() : spawn == null ? null : spawn.agentType(),
                    link.meta().description() != null ? link.meta().description() : spawn == null ? null : spawn.description());
        }
        if (line.path("isSidechain").asBoolean(false)) {
            String parent = line.path("parentUuid").isTextual() ? line.path("parentUuid").textValue() : null;
            String root = parent == null ? null : context.sidechainRoots.get(parent);
            if (root == null) {
                root = uuid;
            }
            context.sidechainRoots.put(uuid, root);
            Spawns.Spawn spawn = context.sidechainSpawns.computeIfAbsent(root, r -> Optional.ofNullable(
                    Spawns.match(context.spawns, context.callIdByAgentId, null, promptOf(line), null))).orElse(null);
            return SessionPlace.subagent(sessionId, root, spawn, spawn == null ? null : spawn.agentType(),
                    spawn == null ? null : spawn.description());
        }
        return SessionPlace.main(sessionId);
    }

    /** Links a sub-agent file to the call in its parent session's file that spawned it. */
    private FileContext.SubagentLink subagentLink(TranscriptFile file, String sessionId, JsonNode firstLine) {
        Spawns.AgentMeta meta = spawns.meta(file.path());
        Path parentFile = file.projectDir().resolve(sessionId + ".jsonl");
        Spawns.Scanned parent = spawns.of(parentFile);
        String agentId = firstLine.path("agentId").isTextual() ? firstLine.path("agentId").textValue() : file.agentId();
        Spawns.Spawn spawn = Spawns.match(parent.spawns(), parent.callIdByAgentId(), agentId,
                promptOf(firstLine), meta.description());
        return new FileContext.SubagentLink(spawn, meta);
    }

    /** The text a user line starts a run with: its string content or its text blocks. */
    private static String promptOf(JsonNode line) {
        if (!line.path("type").asText("").equals("user")) {
            return null;
        }
        JsonNode content = line.path("message").path("content");
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(block -> {
            if (block.path("type").asText("").equals("text")) {
                text.append(block.path("text").asText(""));
            }
        });
        return text.length() == 0 ? null : text.toString();
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
            if (place.parentTurnId != null) {
                meta.put("parent_turn_id", place.parentTurnId);
            }
            if (place.agent != null) {
                meta.put("agent", place.agent);
            }
        }
        String title = context.titles.get(place.sessionId);
        if (title == null) {
            title = place.title;
        }
        if (title != null) {
            meta.put("title", title);
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

    private static Usage plus(Usage a, Usage b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new Usage(sum(a.inputTokens(), b.inputTokens()), sum(a.outputTokens(), b.outputTokens()),
                sum(a.cacheReadTokens(), b.cacheReadTokens()), sum(a.cacheWriteTokens(), b.cacheWriteTokens()));
    }

    private static Long sum(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
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

    /** One turn-to-be: a content block with its role, kind and the v2 parts it carries. */
    private record BlockTurn(int index, Role role, String kind, String content, String toolName, ToolCall toolCall,
                             ToolResult toolResult, List<Attachment> attachments) {
        static BlockTurn of(int index, Role role, String kind, String content) {
            return new BlockTurn(index, role, kind, content, null, null, null, List.of());
        }

        BlockTurn at(int newIndex) {
            return new BlockTurn(newIndex, role, kind, content, toolName, toolCall, toolResult, attachments);
        }
    }

    /**
     * The session a line belongs to; for a sub-agent run also its parent session, the spawning call's turn
     * (when it was found), the agent's type and the task's description (the run's title).
     */
    private record SessionPlace(String sessionId, String parentSessionId, String agentId, String parentTurnId,
                                String agent, String title, String problem) {
        static SessionPlace main(String sessionId) {
            return new SessionPlace(sessionId, null, null, null, null, null, null);
        }

        static SessionPlace subagent(String parentSessionId, String agentId, Spawns.Spawn spawn, String agent,
                                     String title) {
            String safeAgent = UNSAFE_ID_CHARS.matcher(agentId).replaceAll("_");
            String id = parentSessionId + ":agent-" + safeAgent;
            return new SessionPlace(id.length() <= 256 ? id : id.substring(0, 256), parentSessionId, agentId,
                    spawn == null ? null : spawn.turnId(), agent, title, null);
        }

        static SessionPlace problem(String problem) {
            return new SessionPlace(null, null, null, null, null, null, problem);
        }
    }
}
