package lethe.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.Role;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.TurnEvent;
import lethe.api.Usage;
import lethe.api.WireRules;
import lethe.problem.SafeText;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads one NDJSON line into a {@link ParsedTurn}, checking every rule of the wire contract on the way;
 * the rules themselves live in {@link WireRules}, shared with the API's parameters and the collectors.
 *
 * <p>It walks Jackson's token stream instead of binding, so that a wrong type is reported as such
 * ("seq must be an integer") rather than silently coerced ("5" to 5, 1.5 to 1, 7 to "7"), and so that
 * unknown fields are skipped without building them.
 */
final class TurnEventParser {

    /** A line that breaks the contract; the message says which rule. */
    static final class InvalidLine extends Exception {
        InvalidLine(String message) {
            super(message, null, false, false);
        }
    }

    private final ObjectMapper mapper;
    private final MetaReader metaReader;
    private final long maxAttachmentBytes;

    TurnEventParser(ObjectMapper mapper, long maxAttachmentBytes) {
        this(mapper, MetaLimits.DEFAULT, maxAttachmentBytes);
    }

    TurnEventParser(ObjectMapper mapper, MetaLimits metaLimits, long maxAttachmentBytes) {
        this.mapper = mapper.copy();
        this.mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.metaReader = new MetaReader(metaLimits);
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    ParsedTurn parse(byte[] bytes, int length) throws InvalidLine {
        int overlong = Utf8.firstOverlongOrOutOfRange(bytes, length);
        if (overlong >= 0) {
            throw new InvalidLine("not valid UTF-8: an overlong or out-of-range byte sequence at byte " + overlong);
        }
        try (JsonParser parser = mapper.createParser(bytes, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidLine("a line must be one JSON object");
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                readField(parser, name, fields);
            }
            if (parser.nextToken() != null) {
                throw new InvalidLine("unexpected content after the JSON object");
            }
            return fields.toTurn();
        } catch (JsonProcessingException e) {
            throw new InvalidLine("not valid JSON: " + SafeText.withoutCodeNames(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidLine("not readable: " + e.getMessage());
        }
    }

    private void readField(JsonParser parser, String name, Fields fields) throws IOException, InvalidLine {
        switch (name) {
            case "tool" -> fields.tool = safeId(parser, name);
            case "host" -> fields.host = safeId(parser, name);
            case "session_id" -> fields.sessionId = safeId(parser, name);
            case "turn_id" -> fields.turnId = turnId(parser, name);
            case "seq" -> fields.seq = nonNegativeLong(parser, name);
            case "role" -> fields.role = role(parser);
            case "timestamp" -> fields.timestamp = timestamp(parser);
            case "content" -> fields.content = Text.wellFormed(requiredString(parser, name));
            case "session_meta" -> fields.sessionMeta = meta(parser);
            case "model" -> fields.model = wellFormed(optionalShortString(parser, name));
            case "usage" -> fields.usage = usage(parser);
            case "kind" -> fields.kind = kind(parser);
            case "tool_name" -> fields.toolName = wellFormed(optionalShortString(parser, name));
            case "tool_call" -> toolCall(parser, fields);
            case "tool_result" -> fields.toolResult = toolResult(parser);
            case "attachments" -> fields.attachments = attachments(parser);
            default -> parser.skipChildren();
        }
    }

    private static String requiredString(JsonParser parser, String name) throws IOException, InvalidLine {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidLine(name + " must be a string, not " + describe(parser.currentToken()));
        }
        return parser.getText();
    }

    private static String safeId(JsonParser parser, String name) throws IOException, InvalidLine {
        String value = requiredString(parser, name);
        if (!WireRules.isSafeId(value)) {
            throw new InvalidLine(WireRules.safeIdRule(name));
        }
        return value;
    }

    private static String turnId(JsonParser parser, String name) throws IOException, InvalidLine {
        String value = requiredString(parser, name);
        // Two ids differing only in unpaired surrogates would be stored as the same UTF-8 text.
        if (!WireRules.isTurnId(value)) {
            throw new InvalidLine(name + " must be 1-256 characters without control characters or unpaired surrogates");
        }
        return value;
    }

    private static long nonNegativeLong(JsonParser parser, String name) throws IOException, InvalidLine {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidLine(name + " must be an integer >= 0, not " + describe(parser.currentToken()));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
            throw new InvalidLine(name + " must be an integer between 0 and " + Long.MAX_VALUE);
        }
        return parser.getLongValue();
    }

    /** Bounded so that no sum of a session's or a user's turns can overflow. */
    private static long tokenCount(JsonParser parser, String name) throws IOException, InvalidLine {
        long value = nonNegativeLong(parser, name);
        if (!WireRules.isTokenCount(value)) {
            throw new InvalidLine(name + " must be at most " + WireRules.MAX_TOKENS);
        }
        return value;
    }

    private static String role(JsonParser parser) throws IOException, InvalidLine {
        String value = requiredString(parser, "role");
        if (Role.fromWire(value).isEmpty()) {
            throw new InvalidLine("role must be one of user, assistant, system, tool");
        }
        return value;
    }

    private static double timestamp(JsonParser parser) throws IOException, InvalidLine {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidLine("timestamp must be a number of Unix seconds, not " + describe(token));
        }
        double value = parser.getDoubleValue();
        if (!WireRules.isTimestamp(value)) {
            throw new InvalidLine("timestamp must be Unix seconds between 0 and 1e11 (milliseconds are not accepted)");
        }
        return value;
    }

    private static String optionalShortString(JsonParser parser, String name) throws IOException, InvalidLine {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        String value = requiredString(parser, name);
        if (value.length() > WireRules.MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidLine(name + " must be at most 256 characters without control characters");
        }
        return value;
    }

    private static String kind(JsonParser parser) throws IOException, InvalidLine {
        String value = optionalShortString(parser, "kind");
        if (value != null && !WireRules.isKind(value)) {
            throw new InvalidLine("kind must be 1-64 lower-case letters or _");
        }
        return value;
    }

    private static String wellFormed(String value) {
        return value == null ? null : Text.wellFormed(value);
    }

    /** {@code tool_call}: {@code id} and {@code name} required; {@code input} a JSON object, kept as its exact text. */
    private void toolCall(JsonParser parser, Fields fields) throws IOException, InvalidLine {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidLine("tool_call must be a JSON object, not " + describe(token));
        }
        String id = null;
        String name = null;
        String input = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = turnId(parser, "tool_call.id");
                case "name" -> name = requiredShortString(parser, "tool_call.name");
                case "input" -> input = value == JsonToken.VALUE_NULL ? null : objectText(parser);
                default -> parser.skipChildren();
            }
        }
        if (id == null || name == null) {
            throw new InvalidLine("tool_call needs an id and a name");
        }
        fields.toolCall = new ToolCall(id, name, null);
        fields.toolInputJson = input;
    }

    /** The object under the parser, written back token for token (numbers exactly as sent). */
    private String objectText(JsonParser parser) throws IOException, InvalidLine {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidLine("tool_call.input must be a JSON object with the tool's arguments, not " + describe(token)
                    + (token == JsonToken.VALUE_STRING ? " (send the object itself, not JSON text in a string)" : ""));
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = mapper.getFactory().createGenerator(text)) {
            generator.copyCurrentStructureExact(parser);
        }
        return Text.wellFormed(text.toString());
    }

    private static ToolResult toolResult(JsonParser parser) throws IOException, InvalidLine {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidLine("tool_result must be a JSON object, not " + describe(token));
        }
        String callId = null;
        Boolean isError = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "call_id" -> callId = turnId(parser, "tool_result.call_id");
                case "is_error" -> {
                    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                        isError = value == JsonToken.VALUE_TRUE;
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw new InvalidLine("tool_result.is_error must be true or false, not " + describe(value));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (callId == null) {
            throw new InvalidLine("tool_result needs the call_id of the call it answers");
        }
        return new ToolResult(callId, isError);
    }

    private List<IncomingAttachment> attachments(JsonParser parser) throws IOException, InvalidLine {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw new InvalidLine("attachments must be a JSON array, not " + describe(token));
        }
        List<IncomingAttachment> attachments = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            attachments.add(attachment(parser, "attachments[" + attachments.size() + "]"));
        }
        return attachments;
    }

    private IncomingAttachment attachment(JsonParser parser, String at) throws IOException, InvalidLine {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidLine(at + " must be a JSON object, not " + describe(parser.currentToken()));
        }
        String mediaType = null;
        String data = null;
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "media_type" -> mediaType = requiredString(parser, at + ".media_type");
                case "data" -> data = requiredString(parser, at + ".data");
                case "name" -> name = optionalShortString(parser, at + ".name");
                default -> parser.skipChildren();
            }
        }
        if (mediaType == null || data == null) {
            throw new InvalidLine(at + " needs a media_type and base64 data");
        }
        if (!WireRules.isAttachmentMediaType(mediaType)) {
            throw new InvalidLine(at + ".media_type must be one of " + String.join(", ", WireRules.attachmentMediaTypes()));
        }
        long size = decodedSize(data);
        if (size > maxAttachmentBytes) {
            throw new InvalidLine(at + " is " + size + " bytes, more than ingest.max_attachment_bytes ("
                    + maxAttachmentBytes + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidLine(at + ".data must be base64 (standard alphabet, padded, no line breaks)");
        }
        if (!ImageBytes.are(mediaType, bytes)) {
            throw new InvalidLine(at + ".data is not " + mediaType + ": its bytes do not start as every "
                    + mediaType + " file does");
        }
        return new IncomingAttachment(mediaType, name, bytes);
    }

    /** The size base64 text decodes to, known before decoding it, so an oversized image is never built. */
    private static long decodedSize(String base64) {
        int length = base64.length();
        int padding = length > 0 && base64.charAt(length - 1) == '=' ? (length > 1 && base64.charAt(length - 2) == '=' ? 2 : 1) : 0;
        return (long) length * 3 / 4 - padding;
    }

    private static String requiredShortString(JsonParser parser, String name) throws IOException, InvalidLine {
        String value = optionalShortString(parser, name);
        if (value == null || value.isEmpty()) {
            throw new InvalidLine(name + " must be a non-empty string");
        }
        return value;
    }

    private Map<String, Object> meta(JsonParser parser) throws IOException, InvalidLine {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidLine("session_meta must be a JSON object, not " + describe(token));
        }
        return metaReader.read(parser);
    }

    private static Usage usage(JsonParser parser) throws IOException, InvalidLine {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidLine("usage must be a JSON object, not " + describe(token));
        }
        Long input = null;
        Long output = null;
        Long cacheRead = null;
        Long cacheWrite = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "input_tokens" -> input = tokenCount(parser, "usage.input_tokens");
                case "output_tokens" -> output = tokenCount(parser, "usage.output_tokens");
                case "cache_read_tokens" -> cacheRead = tokenCount(parser, "usage.cache_read_tokens");
                case "cache_write_tokens" -> cacheWrite = tokenCount(parser, "usage.cache_write_tokens");
                default -> parser.skipChildren();
            }
        }
        Usage usage = new Usage(input, output, cacheRead, cacheWrite);
        return usage.isEmpty() ? null : usage;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> token.asString();
        };
    }

    /** The fields seen so far on one line. */
    private static final class Fields {
        String tool;
        String host;
        String sessionId;
        String turnId;
        Long seq;
        String role;
        Double timestamp;
        String content;
        Map<String, Object> sessionMeta;
        String model;
        Usage usage;
        String kind;
        String toolName;
        ToolCall toolCall;
        String toolInputJson;
        ToolResult toolResult;
        List<IncomingAttachment> attachments = List.of();

        ParsedTurn toTurn() throws InvalidLine {
            require(tool, "tool");
            require(host, "host");
            require(sessionId, "session_id");
            require(turnId, "turn_id");
            require(seq, "seq");
            require(role, "role");
            require(timestamp, "timestamp");
            require(content, "content");
            TurnEvent event = new TurnEvent(tool, host, sessionId, turnId, seq, role, timestamp, content,
                    sessionMeta, model, usage, kind, toolName, toolCall, toolResult, null);
            return new ParsedTurn(event, toolInputJson, attachments);
        }

        private static void require(Object value, String name) throws InvalidLine {
            if (value == null) {
                throw new InvalidLine("missing required field " + name);
            }
        }
    }
}
