package lethe.ui.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A one-line label for a folded tool call. Collectors send a call's input as JSON, whose first line is a
 * lone "{"; the label picks the field a person would recognise the call by (its description, the
 * command, the file) or else names the fields.
 */
final class ToolCallPreview {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** In order of preference: what the call is for, then what it acts on. */
    private static final List<String> TELLING_FIELDS = List.of(
            "description", "command", "file_path", "path", "pattern", "url", "query", "prompt", "subject");
    /** Bigger inputs are not parsed just to label them; their first line will do. */
    static final int MAX_PARSED = 64 * 1024;

    private ToolCallPreview() {
    }

    static Optional<String> of(String content) {
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
        for (String field : TELLING_FIELDS) {
            JsonNode value = input.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return Optional.of(value.asText());
            }
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = input.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return Optional.of(String.join(", ", names));
    }
}
