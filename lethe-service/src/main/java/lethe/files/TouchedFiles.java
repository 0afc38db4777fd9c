package lethe.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paths one tool call read or changed, from its input as the four assistants write it:
 * <ul>
 * <li>Claude Code: {@code Read}, {@code Edit}, {@code MultiEdit}, {@code Write} ({@code file_path}) and
 * {@code NotebookEdit} ({@code notebook_path});</li>
 * <li>Codex: {@code apply_patch}, whose patch text ({@code input}, {@code patch}, or the second word of a
 * {@code command} list, also inside a shell command) names its files in {@code *** Add File:},
 * {@code *** Update File:}, {@code *** Delete File:} and {@code *** Move to:} headers;</li>
 * <li>Gemini CLI: {@code read_file}, {@code write_file}, {@code replace} ({@code absolute_path} or
 * {@code file_path});</li>
 * <li>opencode: {@code read}, {@code write}, {@code edit} ({@code filePath}).</li>
 * </ul>
 * Tool names are compared without case. Any other call, or an input that is not what these tools write,
 * touches no file: this never fails an ingest.
 */
public final class TouchedFiles {

    private static final Set<String> READERS = Set.of("read", "read_file");
    private static final Set<String> CHANGERS = Set.of("edit", "multiedit", "write", "notebookedit", "write_file", "replace");
    private static final List<String> PATH_KEYS = List.of("file_path", "notebook_path", "absolute_path", "filePath");
    private static final List<String> PATCH_HEADERS = List.of("*** Add File: ", "*** Update File: ", "*** Delete File: ",
            "*** Move to: ");
    /** Longer than any path a file system takes; a longer "path" is not one and is not indexed. */
    static final int MAX_PATH_LENGTH = 4096;

    private final ObjectMapper mapper;

    public TouchedFiles(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The paths, each with true when the call changed it and false when it only read it, sorted. */
    public Map<String, Boolean> of(String toolName, String inputJson) {
        Map<String, Boolean> files = new TreeMap<>();
        if (toolName == null || inputJson == null) {
            return files;
        }
        JsonNode input;
        try {
            input = mapper.readTree(inputJson);
        } catch (IOException notJson) {
            return files;
        }
        if (input == null || !input.isObject()) {
            return files;
        }
        String name = toolName.toLowerCase(Locale.ROOT);
        if (READERS.contains(name) || CHANGERS.contains(name)) {
            for (String key : PATH_KEYS) {
                JsonNode path = input.get(key);
                if (path != null && path.isTextual()) {
                    add(files, path.asText(), CHANGERS.contains(name));
                    break;
                }
            }
        }
        for (String patch : patches(name, input)) {
            for (String line : patch.split("\n")) {
                for (String header : PATCH_HEADERS) {
                    if (line.startsWith(header)) {
                        add(files, line.substring(header.length()), true);
                    }
                }
            }
        }
        return files;
    }

    /**
     * Patch texts of an {@code apply_patch} call, wherever Codex's versions put them: the call's own
     * {@code input} or {@code patch}, or a shell command running {@code apply_patch} with the patch.
     */
    private static List<String> patches(String name, JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (name.equals("apply_patch")) {
            for (String key : List.of("input", "patch")) {
                JsonNode text = input.get(key);
                if (text != null && text.isTextual()) {
                    texts.add(text.asText());
                }
            }
        }
        JsonNode command = input.get("command");
        if (command != null && command.isArray()) {
            command.forEach(word -> {
                if (word.isTextual()) {
                    texts.add(word.asText());
                }
            });
        } else if (command != null && command.isTextual()) {
            texts.add(command.asText());
        }
        boolean runsApplyPatch = name.equals("apply_patch") || texts.stream().anyMatch(text -> text.contains("apply_patch"));
        return runsApplyPatch ? texts.stream().filter(text -> text.contains("*** Begin Patch")).toList() : List.of();
    }

    private static void add(Map<String, Boolean> files, String raw, boolean changed) {
        String path = raw.strip();
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH || path.chars().anyMatch(Character::isISOControl)) {
            return;
        }
        files.merge(path, changed, Boolean::logicalOr);
    }
}
