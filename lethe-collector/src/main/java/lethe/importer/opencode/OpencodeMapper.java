package lethe.importer.opencode;

import com.fasterxml.jackson.core.type.TypeReference;
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
import lethe.importer.FileTally;
import lethe.importer.sources.DataUrls;
import lethe.importer.sources.Times;
import lethe.importer.sources.ToolSummary;
import lethe.importer.sources.Turns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps an opencode session to turns (the table is in {@code docs/importer.md}): one turn per part, its id
 * the part's id ({@code #result} for a tool's output, {@code #error} for a message's error), its seq the
 * part's place in the session. A {@code step-finish} part's tokens (one model response) go to the last turn
 * of its step; opencode's {@code input} excludes the cache, which it counts apart, and its {@code reasoning}
 * tokens are stored with the output.
 */
final class OpencodeMapper {

    static final String TOOL = "opencode";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Set<String> NOT_CONVERSATION = Set.of("step-start", "snapshot", "retry", "agent");

    private final ObjectMapper json;
    private final Turns turns;
    private final long maxAttachmentBytes;

    OpencodeMapper(ObjectMapper json, String host, long maxAttachmentBytes) {
        this.json = json;
        this.turns = new Turns(TOOL, host);
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    List<TurnEvent> map(OpencodeSession session, FileTally tally) {
        String sessionId = WireRules.isSafeId(session.id()) ? session.id() : WireRules.toSafeId(session.id());
        List<TurnEvent> result = new ArrayList<>();
        long[] seq = {0};
        String firstAgent = null;
        for (OpencodeSession.Message message : session.messages()) {
            JsonNode info = message.info();
            if (firstAgent == null && info.path("agent").isTextual()) {
                firstAgent = info.path("agent").textValue();
            }
            Builder builder = new Builder(sessionId, message, session.created(), seq);
            for (OpencodeSession.Part part : message.parts()) {
                builder.part(part, tally);
            }
            builder.finish(tally);
            result.addAll(builder.made);
        }
        if (!result.isEmpty()) {
            result.set(0, Turns.withMeta(result.get(0), meta(session, firstAgent)));
        }
        return result;
    }

    private static Map<String, Object> meta(OpencodeSession session, String agent) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source_file", session.sourceLabel());
        if (session.directory() != null && !session.directory().isBlank()) {
            meta.put("cwd", session.directory());
        }
        if (session.title() != null && !session.title().isBlank()) {
            meta.put("title", session.title());
        }
        if (session.version() != null && !session.version().isBlank()) {
            meta.put("opencode_version", session.version());
        }
        if (session.parentId() != null && !session.parentId().isBlank()) {
            meta.put("parent_session_id", WireRules.toSafeId(session.parentId()));
            if (agent != null) {
                meta.put("agent", agent);
            }
        }
        return meta;
    }

    /** The turns of one message, and the usage of its steps on their way to the right turn. */
    private final class Builder {

        final List<TurnEvent> made = new ArrayList<>();
        private final String sessionId;
        private final OpencodeSession.Message message;
        private final String role;
        private final String model;
        private final double created;
        private final long[] seq;
        /** Index in {@link #made} of the first turn of the current step. */
        private int stepStart;
        private Usage pending;
        private boolean sawStepFinish;

        Builder(String sessionId, OpencodeSession.Message message, double sessionCreated, long[] seq) {
            this.sessionId = sessionId;
            this.message = message;
            this.role = message.info().path("role").asText("");
            this.model = message.info().path("modelID").isTextual() ? message.info().path("modelID").textValue()
                    : message.info().path("model").path("modelID").asText(null);
            this.created = Times.seconds(message.info().path("time").get("created")).orElse(sessionCreated);
            this.seq = seq;
        }

        void part(OpencodeSession.Part part, FileTally tally) {
            JsonNode data = part.data();
            String type = data.path("type").asText("");
            double at = Times.seconds(data.path("time").get("start")).orElse(created);
            int before = made.size();
            switch (type) {
                case "text" -> {
                    String text = data.path("text").asText("");
                    if (data.path("ignored").asBoolean(false) || text.isBlank()) {
                        tally.skipped("empty or ignored text part");
                        return;
                    }
                    Role speaker = data.path("synthetic").asBoolean(false) ? Role.SYSTEM
                            : role.equals("user") ? Role.USER : Role.ASSISTANT;
                    add(part.id(), speaker, at, text, TurnKind.TEXT, null, null, null);
                }
                case "reasoning" -> {
                    String text = data.path("text").asText("");
                    if (text.isBlank()) {
                        tally.skipped("empty reasoning part");
                        return;
                    }
                    add(part.id(), Role.ASSISTANT, at, text, TurnKind.THINKING, null, null, null);
                }
                case "tool" -> tool(part, data, at);
                case "subtask" -> {
                    Map<String, Object> input = new LinkedHashMap<>();
                    for (String field : List.of("prompt", "description", "agent", "command")) {
                        if (data.path(field).isTextual()) {
                            input.put(field, data.path(field).textValue());
                        }
                    }
                    add(part.id(), Role.ASSISTANT, at, ToolSummary.of("subtask", input), TurnKind.TOOL_USE,
                            new ToolCall(part.id(), "subtask", input), null, null);
                }
                case "file" -> file(part, data, at);
                case "patch" -> {
                    List<String> files = new ArrayList<>();
                    data.path("files").forEach(file -> files.add(file.asText()));
                    add(part.id(), Role.ASSISTANT, at, "patch " + data.path("hash").asText("") + "\n" + String.join("\n", files),
                            "patch", null, null, null);
                }
                case "compaction" -> add(part.id(), Role.SYSTEM, at,
                        data.path("auto").asBoolean(false) ? "conversation compacted automatically" : "conversation compacted",
                        TurnKind.COMPACTION, null, null, null);
                case "step-finish" -> {
                    stepFinished(usage(data.path("tokens")));
                    tally.skipped("step-finish (tokens)");
                    return;
                }
                default -> {
                    tally.skipped(NOT_CONVERSATION.contains(type) ? "not conversation: part " + type
                            : "unknown part: " + type);
                    return;
                }
            }
            tally.conversation(made.size() - before);
        }

        private void tool(OpencodeSession.Part part, JsonNode data, double at) {
            JsonNode state = data.path("state");
            String name = data.path("tool").asText("tool");
            String callId = data.path("callID").isTextual() ? data.path("callID").textValue() : part.id();
            Map<String, Object> input = state.path("input").isObject() ? json.convertValue(state.path("input"), OBJECT)
                    : new LinkedHashMap<>();
            add(part.id(), Role.ASSISTANT, at, ToolSummary.of(name, input), TurnKind.TOOL_USE,
                    new ToolCall(callId, name, input), null, null);
            String status = state.path("status").asText("");
            double end = Times.seconds(state.path("time").get("end")).orElse(at);
            if (status.equals("completed")) {
                JsonNode output = state.path("output");
                JsonNode exit = state.path("metadata").path("exit");
                boolean failed = exit.isNumber() && exit.asInt() != 0;
                add(part.id() + "#result", Role.TOOL, end, output.isTextual() ? output.textValue() : output.toString(),
                        TurnKind.TOOL_RESULT, null, new ToolResult(callId, failed), null);
            } else if (status.equals("error")) {
                add(part.id() + "#result", Role.TOOL, end, state.path("error").asText(""), TurnKind.TOOL_RESULT,
                        null, new ToolResult(callId, true), null);
            }
        }

        private void file(OpencodeSession.Part part, JsonNode data, double at) {
            String mime = data.path("mime").asText("");
            String url = data.path("url").asText("");
            String name = data.path("filename").asText(null);
            Role speaker = role.equals("user") ? Role.USER : Role.ASSISTANT;
            List<Attachment> image = DataUrls.attachment(url, name, maxAttachmentBytes).map(List::of).orElse(List.of());
            if (!image.isEmpty()) {
                add(part.id(), speaker, at, name == null ? "" : name, TurnKind.IMAGE, null, null, image);
            } else {
                String where = url.startsWith("data:") ? "" : " " + url;
                add(part.id(), speaker, at, (name == null ? "file" : name) + " (" + mime + ")" + where, "file",
                        null, null, null);
            }
        }

        private void add(String id, Role speaker, double at, String content, String kind, ToolCall call,
                         ToolResult result, List<Attachment> attachments) {
            boolean assistant = speaker == Role.ASSISTANT;
            made.add(turns.turn(sessionId, id, seq[0]++, speaker.wireName(), at, content, kind, null,
                    assistant ? model : null, null, call, result, attachments));
        }

        private void stepFinished(Usage usage) {
            sawStepFinish = true;
            if (usage == null) {
                return;
            }
            if (made.size() > stepStart) {
                addUsage(made.size() - 1, Turns.plus(pending, usage));
                pending = null;
            } else {
                pending = Turns.plus(pending, usage);
            }
            stepStart = made.size();
        }

        void finish(FileTally tally) {
            JsonNode error = message.info().path("error");
            if (error.isObject()) {
                String text = error.path("data").path("message").isTextual() ? error.path("data").path("message").textValue()
                        : error.path("name").asText("error");
                add(message.id() + "#error", Role.SYSTEM, created, text, TurnKind.ERROR, null, null, null);
                tally.conversation(1);
            }
            if (!sawStepFinish) {
                pending = usage(message.info().path("tokens"));
            }
            if (pending != null && !made.isEmpty()) {
                int last = made.size() - 1;
                while (last > 0 && !made.get(last).role().equals(Role.ASSISTANT.wireName())) {
                    last--;
                }
                addUsage(last, pending);
            }
        }

        private void addUsage(int index, Usage usage) {
            TurnEvent turn = made.get(index);
            made.set(index, Turns.withUsage(turn, Turns.plus(turn.usage(), usage)));
        }
    }

    private static Usage usage(JsonNode tokens) {
        if (!tokens.isObject()) {
            return null;
        }
        JsonNode cache = tokens.path("cache");
        return new Usage(tokens.path("input").asLong(0), tokens.path("output").asLong(0) + tokens.path("reasoning").asLong(0),
                cache.path("read").asLong(0), cache.path("write").asLong(0));
    }
}
