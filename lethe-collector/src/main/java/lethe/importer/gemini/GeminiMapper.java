package lethe.importer.gemini;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lethe.api.Attachment;
import lethe.api.Role;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.TurnEvent;
import lethe.api.TurnKind;
import lethe.api.Usage;
import lethe.api.WireRules;
import lethe.importer.FileTally;
import lethe.importer.sources.DataUrls;
import lethe.importer.sources.Times;
import lethe.importer.sources.ToolSummary;
import lethe.importer.sources.Turns;
import lethe.importer.sources.Unit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Maps a Gemini CLI chat file to turns: the older {@code session-*.json} (one {@code ConversationRecord})
 * and the newer {@code .jsonl} (a metadata line, then message records where a later line with the same
 * {@code id} replaces the earlier one, {@code {"$set": …}} metadata updates and {@code {"$rewindTo": id}},
 * which drops that message and every later one). The table is in {@code docs/importer.md}.
 *
 * <p>Turn ids are the message's id, with {@code #thought-i}, {@code #call-i} and {@code #result-i} for the
 * thoughts, tool calls and results it holds; seq follows the order in which messages first appeared.
 */
public final class GeminiMapper {

    public static final String TOOL = "gemini";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Set<String> FINISHED = Set.of("success", "error", "cancelled");
    private static final Set<String> KNOWN_TYPES = Set.of("user", "gemini", "info", "warning", "error");
    /** Room in the seq space for the turns of one message. */
    private static final int TURNS_PER_MESSAGE = 1000;

    private final ObjectMapper json;
    private final Turns turns;
    private final long maxAttachmentBytes;

    public GeminiMapper(ObjectMapper json, String host, long maxAttachmentBytes) {
        this.json = json;
        this.turns = new Turns(TOOL, host);
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** Where a chat file sits: its project directory (when known), its project id, and its parent session for a sub-agent. */
    public record Place(String sourceLabel, String projectDir, String projectId, String parentSessionId, String fileStem) {
    }

    /** A conversation read from a file: metadata, and messages in order with the position each first appeared at. */
    private record Conversation(ObjectNode metadata, Map<String, JsonNode> messages, Map<String, Long> positions) {
    }

    public List<TurnEvent> map(byte[] content, boolean jsonl, Place place, FileTally tally) throws IOException {
        Conversation conversation = jsonl ? readJsonl(content, tally) : readJson(content);
        return turns(conversation, place, tally);
    }

    private Conversation readJson(byte[] content) throws Unit.Unreadable {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException e) {
            throw new Unit.Unreadable("not valid JSON (perhaps being written): " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Unit.Unreadable("not a conversation record (a JSON object)");
        }
        ObjectNode metadata = ((ObjectNode) root).deepCopy();
        metadata.remove("messages");
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        Map<String, Long> positions = new LinkedHashMap<>();
        long index = 0;
        for (JsonNode message : root.path("messages")) {
            index++;
            String id = message.path("id").isTextual() ? message.path("id").textValue() : "m" + index;
            messages.put(id, message);
            positions.putIfAbsent(id, index);
        }
        return new Conversation(metadata, messages, positions);
    }

    private Conversation readJsonl(byte[] content, FileTally tally) {
        ObjectNode metadata = json.createObjectNode();
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        Map<String, Long> positions = new LinkedHashMap<>();
        String text = new String(content, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        // A last line without its newline may still be being written: it is read once it is whole JSON.
        int complete = lines.length - 1;
        if (!lines[complete].isBlank() && isObject(lines[complete])) {
            complete++;
        } else if (!lines[complete].isBlank()) {
            tally.incompleteTail();
        }
        for (int i = 0; i < complete; i++) {
            long number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                tally.skipped("blank line");
                continue;
            }
            JsonNode record;
            try {
                record = json.readTree(line);
            } catch (IOException e) {
                tally.malformed(number, "not valid JSON");
                continue;
            }
            if (record == null || !record.isObject()) {
                tally.malformed(number, "not a JSON object");
            } else if (record.path("$rewindTo").isTextual()) {
                rewind(messages, record.path("$rewindTo").textValue());
                tally.skipped("$rewindTo");
            } else if (record.path("$set").isObject()) {
                JsonNode set = record.path("$set");
                if (set.path("messages").isArray()) {
                    messages.clear();
                    set.path("messages").forEach(message -> {
                        String id = message.path("id").asText("m" + number);
                        messages.put(id, message);
                        positions.putIfAbsent(id, number);
                    });
                }
                set.properties().forEach(field -> {
                    if (!field.getKey().equals("messages")) {
                        metadata.set(field.getKey(), field.getValue());
                    }
                });
                tally.skipped("$set");
            } else if (record.path("id").isTextual() && record.path("type").isTextual()) {
                String id = record.path("id").textValue();
                messages.put(id, record);
                positions.putIfAbsent(id, number);
            } else if (record.path("sessionId").isTextual()) {
                record.properties().forEach(field -> metadata.set(field.getKey(), field.getValue()));
                tally.skipped("metadata");
            } else {
                tally.skipped("unknown record");
            }
        }
        return new Conversation(metadata, messages, positions);
    }

    private boolean isObject(String line) {
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.isObject();
        } catch (IOException incomplete) {
            return false;
        }
    }

    private static void rewind(Map<String, JsonNode> messages, String id) {
        if (!messages.containsKey(id)) {
            messages.clear();
            return;
        }
        boolean found = false;
        for (var iterator = messages.keySet().iterator(); iterator.hasNext(); ) {
            if (iterator.next().equals(id)) {
                found = true;
            }
            if (found) {
                iterator.remove();
            }
        }
    }

    private List<TurnEvent> turns(Conversation conversation, Place place, FileTally tally) {
        ObjectNode metadata = conversation.metadata();
        String rawId = metadata.path("sessionId").asText(place.fileStem());
        String sessionId = WireRules.isSafeId(rawId) ? rawId : WireRules.toSafeId(rawId);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source_file", place.sourceLabel());
        if (place.projectDir() != null) {
            meta.put("cwd", place.projectDir());
        } else if (metadata.path("directories").path(0).isTextual()) {
            meta.put("cwd", metadata.path("directories").path(0).textValue());
        }
        String projectId = place.projectId() != null ? place.projectId() : metadata.path("projectHash").asText(null);
        if (projectId != null) {
            meta.put("gemini_project", projectId);
        }
        if (metadata.path("summary").isTextual() && !metadata.path("summary").textValue().isBlank()) {
            meta.put("title", metadata.path("summary").textValue().strip());
        }
        if (metadata.path("kind").asText("").equals("subagent")) {
            meta.put("agent", "subagent");
            if (place.parentSessionId() != null) {
                meta.put("parent_session_id", WireRules.toSafeId(place.parentSessionId()));
            }
        }
        double start = Times.seconds(metadata.get("startTime")).orElse(0);
        List<TurnEvent> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : conversation.messages().entrySet()) {
            JsonNode message = entry.getValue();
            long position = conversation.positions().getOrDefault(entry.getKey(), 0L);
            OptionalDouble time = Times.seconds(message.get("timestamp"));
            double timestamp = time.isPresent() ? time.getAsDouble() : start;
            if (timestamp <= 0) {
                tally.malformed(position, "message " + entry.getKey() + " has no timestamp");
                continue;
            }
            List<TurnEvent> made = message(sessionId, entry.getKey(), position, timestamp, message);
            if (made.isEmpty()) {
                String type = message.path("type").asText("");
                tally.skipped(KNOWN_TYPES.contains(type) ? "empty " + type + " message" : "unknown message type: " + type);
                continue;
            }
            if (result.isEmpty()) {
                made.set(0, Turns.withMeta(made.get(0), meta));
            }
            tally.conversation(made.size());
            result.addAll(made);
        }
        return result;
    }

    private List<TurnEvent> message(String sessionId, String id, long position, double timestamp, JsonNode message) {
        List<TurnEvent> made = new ArrayList<>();
        long seq = position * TURNS_PER_MESSAGE;
        String type = message.path("type").asText("");
        switch (type) {
            case "user" -> {
                List<Attachment> attachments = new ArrayList<>();
                String text = text(message.path("content"), attachments);
                if (!text.isBlank() || !attachments.isEmpty()) {
                    made.add(turns.turn(sessionId, id, seq, Role.USER.wireName(), timestamp, text, TurnKind.TEXT,
                            null, null, null, null, null, attachments));
                }
            }
            case "info", "warning" -> addSystem(made, sessionId, id, seq, timestamp, message, TurnKind.SYSTEM);
            case "error" -> addSystem(made, sessionId, id, seq, timestamp, message, TurnKind.ERROR);
            case "gemini" -> gemini(made, sessionId, id, seq, timestamp, message);
            default -> {
                // Unknown message types are counted by the caller as skipped.
            }
        }
        return made;
    }

    private void addSystem(List<TurnEvent> made, String sessionId, String id, long seq, double timestamp,
                           JsonNode message, String kind) {
        String text = text(message.path("content"), new ArrayList<>());
        if (!text.isBlank()) {
            made.add(turns.turn(sessionId, id, seq, Role.SYSTEM.wireName(), timestamp, text, kind,
                    null, null, null, null, null, null));
        }
    }

    private void gemini(List<TurnEvent> made, String sessionId, String id, long seq, double timestamp, JsonNode message) {
        String model = message.path("model").asText(null);
        int index = 0;
        for (JsonNode thought : message.path("thoughts")) {
            String subject = thought.path("subject").asText("").strip();
            String description = thought.path("description").asText("").strip();
            String text = subject.isEmpty() ? description : description.isEmpty() ? subject : "**" + subject + "**\n\n" + description;
            if (!text.isEmpty()) {
                double at = Times.seconds(thought.get("timestamp")).orElse(timestamp);
                made.add(turns.turn(sessionId, id + "#thought-" + index, seq + made.size(), Role.ASSISTANT.wireName(), at,
                        text, TurnKind.THINKING, null, model, null, null, null, null));
            }
            index++;
        }
        int usageAt = made.size();
        List<Attachment> attachments = new ArrayList<>();
        String text = text(message.path("content"), attachments);
        if (!text.isBlank() || !attachments.isEmpty()) {
            made.add(turns.turn(sessionId, id, seq + made.size(), Role.ASSISTANT.wireName(), timestamp, text,
                    TurnKind.TEXT, null, model, null, null, null, attachments));
        }
        index = 0;
        for (JsonNode call : message.path("toolCalls")) {
            String name = call.path("name").asText("tool");
            String callId = call.path("id").isTextual() ? call.path("id").textValue() : id + "#call-" + index;
            Map<String, Object> input = call.path("args").isObject() ? json.convertValue(call.path("args"), OBJECT)
                    : new LinkedHashMap<>();
            double at = Times.seconds(call.get("timestamp")).orElse(timestamp);
            made.add(turns.turn(sessionId, id + "#call-" + index, seq + made.size(), Role.ASSISTANT.wireName(), at,
                    ToolSummary.of(name, input), TurnKind.TOOL_USE, null, model, null, new ToolCall(callId, name, input),
                    null, null));
            String status = call.path("status").asText("");
            if (FINISHED.contains(status)) {
                made.add(turns.turn(sessionId, id + "#result-" + index, seq + made.size(), Role.TOOL.wireName(), at,
                        result(call), TurnKind.TOOL_RESULT, null, null, null, null,
                        new ToolResult(callId, !status.equals("success")), null));
            }
            index++;
        }
        Usage usage = usage(message.path("tokens"));
        if (usage != null && usageAt < made.size()) {
            made.set(usageAt, Turns.withUsage(made.get(usageAt), usage));
        } else if (usage != null && !made.isEmpty()) {
            made.set(0, Turns.withUsage(made.get(0), usage));
        }
    }

    /**
     * Gemini's {@code input} (the prompt) includes {@code cached} and its {@code total} adds the thoughts and the
     * tool-use prompt: stored as input − cached + tool, output + thoughts, and cached as cache read, so a
     * message's four counts add up to Gemini's {@code total}.
     */
    private static Usage usage(JsonNode tokens) {
        if (!tokens.isObject()) {
            return null;
        }
        long input = tokens.path("input").asLong(0);
        long cached = Math.min(input, tokens.path("cached").asLong(0));
        return new Usage(input - cached + tokens.path("tool").asLong(0),
                tokens.path("output").asLong(0) + tokens.path("thoughts").asLong(0), cached, null);
    }

    /** A tool's output: the text of its function responses (output or error), else what the CLI displayed. */
    private static String result(JsonNode call) {
        List<String> texts = new ArrayList<>();
        JsonNode result = call.path("result");
        for (JsonNode part : result.isArray() ? result : asList(result)) {
            JsonNode response = part.path("functionResponse").path("response");
            if (response.path("output").isTextual()) {
                texts.add(response.path("output").textValue());
            } else if (response.path("error").isTextual()) {
                texts.add(response.path("error").textValue());
            } else if (response.isObject()) {
                texts.add(response.toString());
            } else if (part.path("text").isTextual()) {
                texts.add(part.path("text").textValue());
            }
        }
        if (texts.isEmpty() && call.path("resultDisplay").isTextual()) {
            texts.add(call.path("resultDisplay").textValue());
        }
        return String.join("\n", texts);
    }

    private static List<JsonNode> asList(JsonNode single) {
        return single.isObject() ? List.of(single) : List.of();
    }

    /** The text of a {@code PartListUnion} (a string, a part, or a list of them), images as attachments. */
    private String text(JsonNode content, List<Attachment> attachments) {
        if (content.isTextual()) {
            return content.textValue();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content.isArray() ? content : asList(content)) {
            if (part.isTextual()) {
                texts.add(part.textValue());
            } else if (part.path("text").isTextual()) {
                texts.add(part.path("text").textValue());
            } else if (part.path("inlineData").isObject()) {
                JsonNode data = part.path("inlineData");
                DataUrls.attachment(data.path("mimeType").asText(null), data.path("data").asText(null), null, maxAttachmentBytes)
                        .ifPresent(attachments::add);
            }
        }
        return String.join("", texts);
    }
}
