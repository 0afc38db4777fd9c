package lethe.ui.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call whose input a collector sent as a JSON object, read back into its fields so that a shell
 * command or a file edit shows with real line breaks instead of {@code \n} escapes. Anything else (not
 * JSON, not an object, too big to be worth parsing) is shown as sent.
 */
final class ToolCall {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** In order of preference, the field a person recognises a call by: what it is for, then what it acts on. */
    private static final List<String> TELLING_FIELDS = List.of(
            "description", "command", "file_path", "path", "pattern", "url", "query", "prompt", "subject");
    static final int MAX_PARSED = 256 * 1024;

    /** One input field: its name and its value as text (strings as they are, anything else as indented JSON). */
    record Field(String name, String value) {
    }

    private ToolCall() {
    }

    static Optional<List<Field>> fields(String content) {
        if (content.length() > MAX_PARSED || !content.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        JsonNode input;
        try {
            input = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (input == null || !input.isObject() || input.isEmpty()) {
            return Optional.empty();
        }
        List<Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            fields.add(new Field(field.getKey(), value.isTextual() ? value.asText() : value.toPrettyString()));
        }
        return Optional.of(fields);
    }

    /** A one-line label for a folded call: its telling field, or else the names of its fields. */
    static String label(List<Field> fields) {
        for (String name : TELLING_FIELDS) {
            for (Field field : fields) {
                if (field.name().equals(name) && !field.value().isBlank() && !field.value().startsWith("{")
                        && !field.value().startsWith("[")) {
                    return field.value();
                }
            }
        }
        return String.join(", ", fields.stream().map(Field::name).toList());
    }
}
