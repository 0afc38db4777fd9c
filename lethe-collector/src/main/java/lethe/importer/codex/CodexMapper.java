package lethe.importer.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
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
import lethe.importer.sources.DataUrls;
import lethe.importer.sources.Mapped;
import lethe.importer.sources.Times;
import lethe.importer.sources.ToolSummary;
import lethe.importer.sources.Turns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps one line of a Codex rollout ({@code {timestamp, type, payload}}) to turns; the table is in
 * {@code docs/importer.md}. A line makes at most one turn, whose id is {@code L<line number>} and whose seq
 * is the line number: rollouts are only appended to, so every re-import gives every turn the same id.
 *
 * <p>Token counts: Codex writes an {@code event_msg token_count} after each model response, with the
 * response's own counts in {@code last_token_usage} (the {@code total_*} counts are cumulative). They are
 * added to the latest assistant turn, which is sent again with them (same id: it replaces itself). Codex's
 * {@code input_tokens} include {@code cached_input_tokens}; lethe's {@code input_tokens} do not, so input is
 * stored as input − cached and cached as {@code cache_read_tokens}: a session's input + cache read + output
 * is then Codex's own final {@code total_tokens}. A {@code token_count} whose totals did not move (Codex
 * repeats them) is skipped.
 *
 * <p>Not thread-safe: one importer, one mapper.
 */
public final class CodexMapper {

    public static final String TOOL = "codex";

    private static final Pattern EXIT_CODE = Pattern.compile("(?m)^Process exited with code (-?\\d+)");
    private static final Pattern UUID_IN_NAME = Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\.jsonl$");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    /** Text Codex puts in the user's place that the person did not type. */
    private static final List<String> INJECTED_PREFIXES = List.of("<environment_context>", "<user_instructions>",
            "# AGENTS.md instructions", "<permissions instructions>", "<collaboration_mode>", "<INSTRUCTIONS>",
            "<turn_aborted>", "<skill>", "<user_shell_command>");
    /** Records of the old (pre-envelope) layout that are response items themselves. */
    private static final Set<String> RESPONSE_ITEM_TYPES = Set.of("message", "reasoning", "function_call",
            "function_call_output", "custom_tool_call", "custom_tool_call_output", "local_shell_call", "web_search_call");
    /** Events that repeat what the response items say, or report progress: not turns. */
    private static final Set<String> EVENTS_NOT_CONVERSATION = Set.of("task_started", "task_complete",
            "agent_reasoning", "agent_reasoning_raw_content", "agent_reasoning_section_break", "exec_command_begin",
            "exec_command_end", "exec_command_output_delta", "patch_apply_begin", "patch_apply_end", "web_search_begin",
            "web_search_end", "mcp_tool_call_begin", "mcp_tool_call_end", "turn_diff", "plan_update",
            "view_image_tool_call", "context_compacted", "item_started", "item_completed", "entered_review_mode",
            "exited_review_mode", "collab_agent_spawn_begin", "collab_agent_spawn_end", "collab_waiting_begin",
            "collab_waiting_end", "collab_close_begin", "collab_close_end", "collab_agent_interaction_begin",
            "collab_agent_interaction_end", "background_event", "session_configured", "mcp_list_tools_response",
            "mcp_startup_update", "mcp_startup_complete", "thread_rolled_back", "undo_started", "undo_completed",
            "shutdown_complete", "stream_error", "turn_started", "turn_complete");

    private final ObjectMapper json;
    private final Turns turns;
    private final long maxAttachmentBytes;

    public CodexMapper(ObjectMapper json, String host, long maxAttachmentBytes) {
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.turns = new Turns(TOOL, host);
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** The session id of a rollout before its {@code session_meta} is read: the UUID in its name, else the name. */
    static String fileSessionId(String fileName) {
        Matcher matcher = UUID_IN_NAME.matcher(fileName);
        if (matcher.find()) {
            return matcher.group(1).toLowerCase();
        }
        String stem = fileName.endsWith(".jsonl") ? fileName.substring(0, fileName.length() - 6) : fileName;
        return WireRules.toSafeId(stem);
    }

    /** True when a line that lacks its newline is nevertheless whole: one complete JSON object. */
    boolean isCompleteObject(byte[] bytes, int length) {
        try {
            JsonNode node = json.readTree(bytes, 0, length);
            return node != null && node.isObject();
        } catch (IOException incomplete) {
            return false;
        }
    }

    Mapped map(CodexThread thread, byte[] bytes, int length, long lineNumber) {
        if (isBlank(bytes, length)) {
            return Mapped.skipped("blank line");
        }
        JsonNode line;
        try {
            line = json.readTree(bytes, 0, length);
        } catch (JsonProcessingException e) {
            return Mapped.malformed("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Mapped.malformed("not readable: " + e.getMessage());
        }
        if (line == null || !line.isObject()) {
            return Mapped.malformed("not a JSON object");
        }
        String type = line.path("type").isTextual() ? line.path("type").textValue() : null;
        JsonNode payload = line.path("payload");
        if (type != null && RESPONSE_ITEM_TYPES.contains(type) && !payload.isObject()) {
            payload = line;
            type = "response_item";
        } else if (type == null && (line.path("id").isTextual() || line.path("session_id").isTextual())) {
            payload = line;
            type = "session_meta";
        }
        if (type == null) {
            return Mapped.skipped("no type");
        }
        OptionalDouble time = Times.seconds(line.has("timestamp") ? line.get("timestamp") : payload.get("timestamp"));
        if (time.isPresent()) {
            thread.lastTimestamp = time.getAsDouble();
        }
        if (type.equals("session_meta")) {
            return sessionMeta(thread, payload);
        }
        if (thread.inherited) {
            Mapped copied = inherited(thread, type, payload);
            if (copied != null) {
                return copied;
            }
        }
        thread.afterParentMeta = false;
        if (!payload.isObject()) {
            return Mapped.malformed(type + " without a payload object");
        }
        return record(thread, type, payload, lineNumber);
    }

    private Mapped record(CodexThread thread, String type, JsonNode payload, long lineNumber) {
        return switch (type) {
            case "turn_context" -> turnContext(thread, payload);
            case "response_item" -> responseItem(thread, payload, lineNumber);
            case "event_msg" -> event(thread, payload, lineNumber);
            case "compacted" -> withTime(thread, () -> Mapped.turn(turn(thread, lineNumber, Role.SYSTEM,
                    payload.path("message").asText(""), TurnKind.COMPACTION, null, null, null)));
            case "inter_agent_communication_metadata" -> Mapped.skipped("not conversation: " + type);
            default -> Mapped.skipped("unknown type: " + printable(type));
        };
    }

    private Mapped sessionMeta(CodexThread thread, JsonNode payload) {
        String id = text(payload, "id");
        if (id == null) {
            id = text(payload, "session_id");
        }
        if (thread.metaRead) {
            if (thread.inherited && id != null && !id.equals(thread.ownId)) {
                thread.afterParentMeta = true;
                return Mapped.skipped("copied from the parent thread");
            }
            return Mapped.skipped("not conversation: session_meta");
        }
        thread.metaRead = true;
        thread.ownId = id;
        if (id != null && WireRules.isSafeId(id)) {
            thread.sessionId = id;
        } else if (id != null) {
            thread.sessionId = WireRules.toSafeId(id);
        }
        putText(thread.meta, "cwd", payload.get("cwd"));
        putText(thread.meta, "git_branch", payload.path("git").get("branch"));
        putText(thread.meta, "cli_version", payload.get("cli_version"));
        putText(thread.meta, "originator", payload.get("originator"));
        thread.meta.put("source_file", thread.sourceLabel);
        JsonNode subagent = payload.path("source").path("subagent");
        JsonNode spawn = subagent.path("thread_spawn");
        if (spawn.isObject()) {
            String parent = text(spawn, "parent_thread_id");
            if (parent != null) {
                thread.meta.put("parent_session_id", WireRules.toSafeId(parent));
                thread.forked = true;
            }
            String agent = firstText(spawn, payload, "agent_role", "agent_nickname");
            if (agent != null) {
                thread.meta.put("agent", agent);
            }
        } else if (subagent.isTextual()) {
            thread.meta.put("agent", subagent.textValue());
        }
        if (text(payload, "forked_from_id") != null) {
            thread.forked = true;
        }
        if (thread.forked) {
            thread.inherited = true;
            thread.forkMillis = uuid7Millis(id);
        }
        return Mapped.skipped("not conversation: session_meta");
    }

    /**
     * Decides whether a line of a forked rollout is still the parent's copied history (skipped, so the parent's
     * turns are stored and counted once, in the parent) or the child's first own line (null: map it).
     */
    private Mapped inherited(CodexThread thread, String type, JsonNode payload) {
        boolean turnStart = type.equals("turn_context")
                || type.equals("event_msg") && payload.path("type").asText("").equals("task_started");
        if (type.equals("inter_agent_communication_metadata") || turnStart && ownTurn(thread, payload)) {
            thread.inherited = false;
            return null;
        }
        thread.afterParentMeta = false;
        if (type.equals("event_msg") && payload.path("type").asText("").equals("token_count")) {
            thread.lastTotals = payload.path("info").path("total_token_usage").toString();
        }
        return Mapped.skipped("copied from the parent thread");
    }

    /**
     * A turn id is a UUIDv7 in current Codex: one minted before the child thread's own id is the parent's.
     * Without such ids, the turn that starts right after the copied parent header is the parent's.
     */
    private static boolean ownTurn(CodexThread thread, JsonNode payload) {
        long turnMillis = uuid7Millis(text(payload, "turn_id"));
        if (turnMillis >= 0 && thread.forkMillis >= 0) {
            return turnMillis >= thread.forkMillis;
        }
        return !thread.afterParentMeta;
    }

    private Mapped turnContext(CodexThread thread, JsonNode payload) {
        String model = text(payload, "model");
        if (model != null) {
            thread.model = model;
        }
        putText(thread.meta, "cwd", payload.get("cwd"));
        return Mapped.skipped("not conversation: turn_context");
    }

    private Mapped responseItem(CodexThread thread, JsonNode item, long lineNumber) {
        // The oldest rollouts write a message without its type.
        String itemType = item.path("type").asText(item.has("role") && item.has("content") ? "message" : "");
        return switch (itemType) {
            case "message" -> withTime(thread, () -> message(thread, item, lineNumber));
            case "reasoning" -> withTime(thread, () -> reasoning(thread, item, lineNumber));
            case "function_call" -> withTime(thread, () -> call(thread, lineNumber, text(item, "call_id"),
                    item.path("name").asText("function"), arguments(item.get("arguments"))));
            case "custom_tool_call" -> withTime(thread, () -> {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("input", item.path("input").asText(""));
                return call(thread, lineNumber, text(item, "call_id"), item.path("name").asText("custom_tool"), input);
            });
            case "local_shell_call" -> withTime(thread, () -> call(thread, lineNumber,
                    firstText(item, item, "call_id", "id"), "local_shell", object(item.get("action"))));
            case "web_search_call" -> withTime(thread, () -> call(thread, lineNumber, firstText(item, item, "id", "call_id"),
                    "web_search", object(item.get("action"))));
            case "function_call_output", "custom_tool_call_output" -> withTime(thread, () -> output(thread, item, lineNumber));
            default -> Mapped.skipped("unknown response_item: " + printable(itemType));
        };
    }

    private Mapped message(CodexThread thread, JsonNode item, long lineNumber) {
        List<String> texts = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        JsonNode content = item.path("content");
        if (content.isTextual()) {
            texts.add(content.textValue());
        }
        for (JsonNode part : content) {
            String partType = part.path("type").asText("");
            if (part.path("text").isTextual()) {
                texts.add(part.path("text").textValue());
            } else if (partType.equals("input_image")) {
                DataUrls.attachment(part.path("image_url").asText(null), null, maxAttachmentBytes).ifPresent(attachments::add);
            }
        }
        String text = String.join("\n\n", texts);
        if (text.isBlank() && attachments.isEmpty()) {
            return Mapped.skipped("empty message");
        }
        String role = item.path("role").asText("");
        return switch (role) {
            case "assistant" -> once(thread, Role.ASSISTANT, "response_item", text,
                    () -> turn(thread, lineNumber, Role.ASSISTANT, text, TurnKind.TEXT, null, null, attachments));
            case "user" -> isInjected(text)
                    ? Mapped.turn(turn(thread, lineNumber, Role.SYSTEM, text, TurnKind.TEXT, null, null, attachments))
                    : once(thread, Role.USER, "response_item", text,
                    () -> turn(thread, lineNumber, Role.USER, text, TurnKind.TEXT, null, null, attachments));
            default -> Mapped.turn(turn(thread, lineNumber, Role.SYSTEM, text, TurnKind.TEXT, null, null, attachments));
        };
    }

    private Mapped reasoning(CodexThread thread, JsonNode item, long lineNumber) {
        List<String> texts = new ArrayList<>();
        item.path("summary").forEach(part -> {
            if (part.path("text").isTextual() && !part.path("text").textValue().isBlank()) {
                texts.add(part.path("text").textValue());
            }
        });
        if (texts.isEmpty()) {
            item.path("content").forEach(part -> {
                if (part.path("text").isTextual() && !part.path("text").textValue().isBlank()) {
                    texts.add(part.path("text").textValue());
                }
            });
        }
        if (texts.isEmpty()) {
            return Mapped.skipped("reasoning without text (encrypted only)");
        }
        return Mapped.turn(turn(thread, lineNumber, Role.ASSISTANT, String.join("\n\n", texts), TurnKind.THINKING,
                null, null, null));
    }

    private Mapped call(CodexThread thread, long lineNumber, String callId, String name, Map<String, Object> input) {
        String id = callId != null ? callId : "L" + lineNumber;
        thread.callNames.put(id, name);
        ToolCall call = new ToolCall(id, name, input);
        return Mapped.turn(turn(thread, lineNumber, Role.ASSISTANT, ToolSummary.of(name, input), TurnKind.TOOL_USE,
                call, null, null));
    }

    private Mapped output(CodexThread thread, JsonNode item, long lineNumber) {
        String callId = text(item, "call_id");
        if (callId == null) {
            return Mapped.malformed(item.path("type").asText() + " without call_id");
        }
        JsonNode output = item.path("output");
        String text;
        boolean error = false;
        List<Attachment> attachments = new ArrayList<>();
        if (output.isTextual()) {
            text = output.textValue();
            JsonNode wrapped = wrapped(text);
            if (wrapped != null) {
                text = wrapped.path("output").textValue();
                error = wrapped.path("metadata").path("exit_code").asInt(0) != 0;
            } else {
                Matcher exit = EXIT_CODE.matcher(text);
                error = exit.find() && !exit.group(1).equals("0");
            }
        } else if (output.isArray()) {
            List<String> texts = new ArrayList<>();
            for (JsonNode part : output) {
                if (part.path("text").isTextual()) {
                    texts.add(part.path("text").textValue());
                } else if (part.path("type").asText("").equals("input_image")) {
                    DataUrls.attachment(part.path("image_url").asText(null), null, maxAttachmentBytes).ifPresent(attachments::add);
                }
            }
            text = String.join("\n", texts);
        } else if (output.isObject()) {
            text = output.path("content").isTextual() ? output.path("content").textValue() : output.toString();
            error = output.path("success").isBoolean() && !output.path("success").booleanValue();
        } else {
            text = "";
        }
        if (item.path("success").isBoolean() && !item.path("success").booleanValue()) {
            error = true;
        }
        return Mapped.turn(turn(thread, lineNumber, Role.TOOL, text, TurnKind.TOOL_RESULT, null,
                new ToolResult(callId, error), attachments));
    }

    /** Older Codex wraps a call's output as {@code {"output": "…", "metadata": {"exit_code": 0, …}}}. */
    private JsonNode wrapped(String text) {
        if (!text.startsWith("{\"output\"")) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.path("output").isTextual() ? node : null;
        } catch (IOException notWrapped) {
            return null;
        }
    }

    private Mapped event(CodexThread thread, JsonNode event, long lineNumber) {
        String eventType = event.path("type").asText("");
        return switch (eventType) {
            case "user_message" -> withTime(thread, () -> {
                String text = event.path("message").asText("");
                List<Attachment> attachments = new ArrayList<>();
                event.path("images").forEach(image -> DataUrls.attachment(image.asText(null), null, maxAttachmentBytes).ifPresent(attachments::add));
                if (text.isBlank() && attachments.isEmpty()) {
                    return Mapped.skipped("empty message");
                }
                return once(thread, Role.USER, "event_msg", text,
                        () -> turn(thread, lineNumber, Role.USER, text, TurnKind.TEXT, null, null, attachments));
            });
            case "agent_message" -> withTime(thread, () -> {
                String text = event.path("message").asText("");
                if (text.isBlank()) {
                    return Mapped.skipped("empty message");
                }
                return once(thread, Role.ASSISTANT, "event_msg", text,
                        () -> turn(thread, lineNumber, Role.ASSISTANT, text, TurnKind.TEXT, null, null, null));
            });
            case "token_count" -> tokenCount(thread, event);
            case "turn_aborted" -> withTime(thread, () -> Mapped.turn(turn(thread, lineNumber, Role.SYSTEM,
                    "turn aborted" + (event.path("reason").isTextual() ? ": " + event.path("reason").textValue() : ""),
                    TurnKind.SYSTEM, null, null, null)));
            case "error" -> withTime(thread, () -> Mapped.turn(turn(thread, lineNumber, Role.SYSTEM,
                    event.path("message").asText("error"), TurnKind.ERROR, null, null, null)));
            default -> EVENTS_NOT_CONVERSATION.contains(eventType)
                    ? Mapped.skipped("not conversation: event_msg " + eventType)
                    : Mapped.skipped("unknown event_msg: " + printable(eventType));
        };
    }

    private Mapped tokenCount(CodexThread thread, JsonNode event) {
        JsonNode info = event.path("info");
        JsonNode last = info.path("last_token_usage");
        if (!last.isObject()) {
            return Mapped.skipped("token_count without last_token_usage");
        }
        String totals = info.path("total_token_usage").toString();
        if (totals.equals(thread.lastTotals)) {
            return Mapped.skipped("token_count repeated (totals did not move)");
        }
        thread.lastTotals = totals;
        long input = last.path("input_tokens").asLong(0);
        long cached = Math.min(input, last.path("cached_input_tokens").asLong(0));
        Usage usage = new Usage(input - cached, last.path("output_tokens").asLong(0), cached, null);
        if (thread.carrier == null) {
            thread.pendingUsage = Turns.plus(thread.pendingUsage, usage);
            return Mapped.skipped("token_count before any answer (counted with the next)");
        }
        thread.carrierUsage = Turns.plus(thread.carrierUsage, usage);
        return Mapped.turn(Turns.withUsage(thread.carrier, thread.carrierUsage));
    }

    /**
     * Codex writes a message twice in some versions (a response item and an event); the one read first is
     * sent, and the same text from the other record right after it is skipped.
     */
    private static Mapped once(CodexThread thread, Role role, String record, String text,
                               Supplier<TurnEvent> turn) {
        String[] last = thread.lastMessage.get(role.wireName());
        String normalized = text.strip();
        if (last != null && !last[0].equals(record) && last[1].equals(normalized)) {
            thread.lastMessage.remove(role.wireName());
            return Mapped.skipped("message already sent from its " + last[0] + " record");
        }
        thread.lastMessage.put(role.wireName(), new String[]{record, normalized});
        return Mapped.turn(turn.get());
    }

    private static Mapped withTime(CodexThread thread, Supplier<Mapped> mapping) {
        if (thread.lastTimestamp <= 0) {
            return Mapped.malformed("no timestamp");
        }
        return mapping.get();
    }

    private TurnEvent turn(CodexThread thread, long lineNumber, Role role, String content, String kind,
                           ToolCall call, ToolResult result, List<Attachment> attachments) {
        boolean assistant = role == Role.ASSISTANT;
        Usage usage = null;
        if (assistant && thread.pendingUsage != null) {
            usage = thread.pendingUsage;
            thread.pendingUsage = null;
        }
        Map<String, Object> meta = null;
        if (!thread.meta.equals(thread.metaSent)) {
            meta = new LinkedHashMap<>(thread.meta);
            thread.metaSent = new LinkedHashMap<>(thread.meta);
        }
        TurnEvent turn = turns.turn(thread.sessionId, "L" + lineNumber, lineNumber, role.wireName(),
                thread.lastTimestamp, content, kind, meta, assistant ? thread.model : null, usage, call, result, attachments);
        if (assistant) {
            thread.carrier = turn;
            thread.carrierUsage = usage;
        }
        return turn;
    }

    private Map<String, Object> arguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return new LinkedHashMap<>();
        }
        if (arguments.isObject()) {
            return object(arguments);
        }
        String raw = arguments.asText("");
        try {
            JsonNode parsed = json.readTree(raw);
            if (parsed != null && parsed.isObject()) {
                return object(parsed);
            }
        } catch (IOException notJson) {
            // Kept as text below: the model sent arguments that are not a JSON object.
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("arguments", raw);
        return input;
    }

    private Map<String, Object> object(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new LinkedHashMap<>();
        }
        return json.convertValue(node, OBJECT);
    }

    private static boolean isInjected(String text) {
        String start = text.stripLeading();
        return INJECTED_PREFIXES.stream().anyMatch(start::startsWith);
    }

    /** The milliseconds of a version-7 UUID (time-ordered), or −1 for anything else. */
    static long uuid7Millis(String id) {
        if (id == null) {
            return -1;
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.version() == 7 ? uuid.getMostSignificantBits() >>> 16 : -1;
        } catch (IllegalArgumentException notUuid) {
            return -1;
        }
    }

    private static void putText(Map<String, Object> meta, String key, JsonNode value) {
        if (value != null && value.isTextual() && !value.textValue().isBlank()) {
            meta.put(key, value.textValue());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    private static String firstText(JsonNode first, JsonNode second, String... fields) {
        for (String field : fields) {
            String value = text(first, field);
            if (value == null) {
                value = text(second, field);
            }
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() <= 60 ? cleaned : cleaned.substring(0, 60) + "…";
    }
}
