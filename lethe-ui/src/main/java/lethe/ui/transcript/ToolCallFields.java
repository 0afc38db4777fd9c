package lethe.ui.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call's input field by field, so that a call no renderer knows still shows its values with real
 * line breaks instead of {@code \n} escapes: strings as they are, anything else as indented JSON.
 */
final class ToolCallFields {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** In order of preference, the field a person recognises a call by: what it is for, then what it acts on. */
    private static final List<String> TELLING_FIELDS = List.of(
            "description", "command", "file_path", "path", "pattern", "url", "query", "prompt", "subject");

    record Field(String name, String value) {
    }

    private ToolCallFields() {
    }

    static List<Field> of(Map<String, Object> input) {
        List<Field> fields = new ArrayList<>(input.size());
        input.forEach((name, value) -> fields.add(new Field(name, value instanceof String text ? text : json(value))));
        return fields;
    }

    /** A one-line label for a folded call: its telling field, or else the names of its fields. */
    static String label(Map<String, Object> input) {
        for (String name : TELLING_FIELDS) {
            if (input.get(name) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return String.join(", ", input.keySet());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
