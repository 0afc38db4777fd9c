package lethe.ui.work;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a tool call does, whichever assistant made it: Claude Code, Codex, Gemini CLI and opencode name the
 * same tools differently ({@code Edit}, {@code apply_patch}, {@code replace}, {@code edit}). A name no
 * family claims is {@link #OTHER} and is shown field by field.
 */
public enum ToolFamily {
    EDIT("edit", "multiedit", "apply_patch", "replace", "patch", "str_replace_editor"),
    SHELL("bash", "shell", "local_shell_call", "local_shell", "run_shell_command", "exec_command", "shell_command",
            "write_stdin"),
    READ("read", "read_file", "readfile", "view"),
    WRITE("write", "write_file", "create_file"),
    TODO("todowrite", "todo_write", "update_plan", "write_todos"),
    TASK("task", "agent", "spawn_agent", "subagent"),
    SEARCH("grep", "glob", "search_file_content", "web_search", "websearch", "google_web_search", "codebase_search"),
    FETCH("webfetch", "web_fetch", "fetch"),
    OTHER;

    private static final Map<String, ToolFamily> BY_NAME = new HashMap<>();

    static {
        for (ToolFamily family : values()) {
            for (String name : family.names) {
                BY_NAME.put(name, family);
            }
        }
    }

    private final String[] names;

    ToolFamily(String... names) {
        this.names = names;
    }

    /** Case does not matter ({@code Read} and {@code read}); an MCP prefix does not either. */
    public static ToolFamily of(String toolName) {
        if (toolName == null) {
            return OTHER;
        }
        String name = toolName.strip().toLowerCase(Locale.ROOT);
        ToolFamily family = BY_NAME.get(name);
        return family != null ? family : OTHER;
    }
}
