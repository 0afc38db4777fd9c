package lethe.importer.sources;

import java.util.List;
import java.util.Map;

/**
 * The one-line {@code content} of a {@code tool_use} turn ({@code exec_command $ npm test},
 * {@code read_file src/app.py}): what search and v1 readers see; the call itself is in {@code tool_call}.
 */
public final class ToolSummary {

    /** Argument names that say best what a call does, most telling first. */
    private static final List<String> TELLING = List.of("command", "cmd", "file_path", "filePath", "path",
            "absolute_path", "pattern", "query", "url", "prompt", "description", "input");
    private static final int MAX = 200;

    private ToolSummary() {
    }

    public static String of(String name, Map<String, Object> input) {
        for (String key : TELLING) {
            Object value = input.get(key);
            String text = value instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                    : value instanceof String string ? string : null;
            if (text != null && !text.isBlank()) {
                String prefix = key.equals("command") || key.equals("cmd") ? "$ " : "";
                return name + " " + prefix + oneLine(text);
            }
        }
        return name;
    }

    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }
}
