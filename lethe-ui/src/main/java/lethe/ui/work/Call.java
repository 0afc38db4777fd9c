package lethe.ui.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.Turn;
import lethe.api.TurnKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool call, read from a v2 turn's {@code tool_call} or from an old-form turn's text (before v2 the
 * importer wrote {@code Name\n```json\n{…}\n```}, and some collectors the bare JSON object).
 *
 * @param id     the assistant's call id, or null for an old-form call (paired by order instead)
 * @param name   the tool's name as the assistant spelled it
 * @param input  the arguments; a free-text input (Codex's {@code apply_patch}) sits under {@code input}
 * @param polled for a Codex {@code write_stdin} poll, the command of the running process it reads; else null
 */
public record Call(String id, String name, Map<String, Object> input, String polled) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OLD_FORM = Pattern.compile("\\A(?:([^\\n`]{1,200})\\n)?(`{3,})json\\n(.*)\\n\\2\\s*\\z",
            Pattern.DOTALL);
    /** Bigger inputs are shown as sent: parsing megabytes to show them differently is not worth it. */
    static final int MAX_PARSED = 256 * 1024;

    public Call {
        input = input == null ? Map.of() : input;
    }

    public ToolFamily family() {
        return ToolFamily.of(name);
    }

    /** The call a {@code tool_use} turn made, if it is one. */
    public static Optional<Call> of(Turn turn) {
        if (turn.toolCall() != null) {
            var call = turn.toolCall();
            String name = call.name() != null ? call.name() : turn.toolName();
            return Optional.of(new Call(call.id(), name == null ? "" : name, call.input(), null));
        }
        if (!TurnKind.TOOL_USE.equals(turn.kind()) || turn.content() == null) {
            return Optional.empty();
        }
        return oldForm(turn.content(), turn.toolName());
    }

    static Optional<Call> oldForm(String content, String toolName) {
        if (content.length() > MAX_PARSED) {
            return Optional.empty();
        }
        String json = content.strip();
        String name = toolName;
        Matcher fenced = OLD_FORM.matcher(json);
        if (fenced.matches()) {
            if (fenced.group(1) != null && name == null) {
                name = fenced.group(1).strip();
            }
            json = fenced.group(3);
        }
        if (!json.startsWith("{")) {
            return Optional.empty();
        }
        try {
            Map<String, Object> input = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
            return input == null ? Optional.empty() : Optional.of(new Call(null, name == null ? "" : name, input, null));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** This poll, knowing the command whose process it reads. */
    Call polling(String command) {
        return new Call(id, name, input, command);
    }

    /** The first of {@code keys} holding non-blank text. */
    public String text(String... keys) {
        for (String key : keys) {
            if (input.get(key) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The file a call acts on, however the assistant spells the key. */
    public String path() {
        return text("file_path", "filePath", "absolute_path", "path", "notebook_path", "file");
    }

    public List<?> list(String key) {
        return input.get(key) instanceof List<?> values ? values : List.of();
    }
}
