package lethe.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code session_meta} object off the token stream without recursion, counting keys, depth and
 * bytes as it goes, so that a hostile value (nested a thousand deep, or with 150 000 keys) is refused
 * after the first token over a limit instead of overflowing the stack or building it whole.
 * {@code null} members are kept: in a merge patch they remove a key.
 */
final class MetaReader {

    private final MetaLimits limits;

    MetaReader(MetaLimits limits) {
        this.limits = limits;
    }

    /** Reads the object starting at the parser's current {@code START_OBJECT}. */
    Map<String, Object> read(JsonParser parser) throws IOException, TurnEventParser.InvalidLine {
        long start = parser.currentTokenLocation().getByteOffset();
        Map<String, Object> root = new LinkedHashMap<>();
        Deque<Object> open = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        open.push(root);
        int keys = 0;
        while (!open.isEmpty()) {
            JsonToken token = parser.nextToken();
            if (parser.currentLocation().getByteOffset() - start > limits.maxBytes()) {
                throw new TurnEventParser.InvalidLine("session_meta is larger than ingest.max_meta_bytes ("
                        + limits.maxBytes() + " bytes)");
            }
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                open.pop();
                continue;
            }
            if (token == JsonToken.FIELD_NAME) {
                if (++keys > limits.maxKeys()) {
                    throw new TurnEventParser.InvalidLine("session_meta has more than ingest.max_meta_keys ("
                            + limits.maxKeys() + ") keys");
                }
                names.push(Text.wellFormed(parser.currentName()));
                continue;
            }
            Object value = switch (token) {
                case START_OBJECT -> new LinkedHashMap<String, Object>();
                case START_ARRAY -> new ArrayList<>();
                case VALUE_STRING -> Text.wellFormed(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new TurnEventParser.InvalidLine("session_meta is not valid JSON");
            };
            add(open.peek(), names, value);
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                if (open.size() >= limits.maxDepth()) {
                    throw new TurnEventParser.InvalidLine("session_meta is nested deeper than ingest.max_meta_depth ("
                            + limits.maxDepth() + " levels)");
                }
                open.push(value);
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void add(Object container, Deque<String> names, Object value) {
        if (container instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(names.pop(), value);
        } else {
            ((List<Object>) container).add(value);
        }
    }
}
