package lethe.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.Role;
import lethe.api.TurnEvent;
import lethe.api.Usage;
import lethe.api.WireRules;
import lethe.problem.SafeText;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one NDJSON line into a {@link TurnEvent}, checking every rule of the wire contract on the way.
 *
 * <p>It walks Jackson's token stream instead of binding, so that a wrong type is reported as such
 * ("seq must be an integer") rather than silently coerced ("5" to 5, 1.5 to 1, 7 to "7"), and so that
 * unknown fields are skipped without building them.
 */
final class TurnEventParser {

    /** Identifiers that become path segments of the read URL: nothing a URL or a shell would reinterpret. */
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,256}");
    static final int MAX_ID_LENGTH = 256;
    /** Year 5138; anything larger is a unit mistake (milliseconds) or garbage. */
    static final double MAX_TIMESTAMP = 1e11;
    private static final Pattern KIND = Pattern.compile("[a-z_]{1,64}");

    /** A line that breaks the contract; the message says which rule. */
    static final class InvalidLine extends Exception {
        InvalidLine(String message) {
            super(message, null, false, false);
        }
    }

    private final ObjectMapper mapper;
    private final MetaReader metaReader;

    TurnEventParser(ObjectMapper mapper) {
        this(mapper, MetaLimits.DEFAULT);
    }

    TurnEventParser(ObjectMapper mapper, MetaLimits metaLimits) {
        this.mapper = mapper.copy();
        this.mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.metaReader = new MetaReader(metaLimits);
    }

    TurnEvent parse(byte[] bytes, int length) throws InvalidLine {
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
            return fields.toEvent();
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
            case "turn_id" -> fields.turnId = turnId(parser);
            case "seq" -> fields.seq = nonNegativeLong(parser, name);
            case "role" -> fields.role = role(parser);
            case "timestamp" -> fields.timestamp = timestamp(parser);
            case "content" -> fields.content = Text.wellFormed(requiredString(parser, name));
            case "session_meta" -> fields.sessionMeta = meta(parser);
            case "model" -> fields.model = wellFormed(optionalShortString(parser, name));
            case "usage" -> fields.usage = usage(parser);
            case "kind" -> fields.kind = kind(parser);
            case "tool_name" -> fields.toolName = wellFormed(optionalShortString(parser, name));
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
        if (!SAFE_ID.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new InvalidLine(name + " must be 1-256 characters from A-Z a-z 0-9 . _ : @ - (and not . or ..)");
        }
        return value;
    }

    private static String turnId(JsonParser parser) throws IOException, InvalidLine {
        String value = requiredString(parser, "turn_id");
        // Two ids differing only in unpaired surrogates would be stored as the same UTF-8 text.
        if (!WireRules.isTurnId(value)) {
            throw new InvalidLine("turn_id must be 1-256 characters without control characters or unpaired surrogates");
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
        if (!Double.isFinite(value) || value < 0 || value > MAX_TIMESTAMP) {
            throw new InvalidLine("timestamp must be Unix seconds between 0 and 1e11 (milliseconds are not accepted)");
        }
        return value;
    }

    private static String optionalShortString(JsonParser parser, String name) throws IOException, InvalidLine {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        String value = requiredString(parser, name);
        if (value.length() > MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidLine(name + " must be at most 256 characters without control characters");
        }
        return value;
    }

    private static String kind(JsonParser parser) throws IOException, InvalidLine {
        String value = optionalShortString(parser, "kind");
        if (value != null && !KIND.matcher(value).matches()) {
            throw new InvalidLine("kind must be 1-64 lower-case letters or _");
        }
        return value;
    }

    private static String wellFormed(String value) {
        return value == null ? null : Text.wellFormed(value);
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

        TurnEvent toEvent() throws InvalidLine {
            require(tool, "tool");
            require(host, "host");
            require(sessionId, "session_id");
            require(turnId, "turn_id");
            require(seq, "seq");
            require(role, "role");
            require(timestamp, "timestamp");
            require(content, "content");
            return new TurnEvent(tool, host, sessionId, turnId, seq, role, timestamp, content,
                    sessionMeta, model, usage, kind, toolName, null, null, null);
        }

        private static void require(Object value, String name) throws InvalidLine {
            if (value == null) {
                throw new InvalidLine("missing required field " + name);
            }
        }
    }
}
