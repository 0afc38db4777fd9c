package lethe.ui.work;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An edit call as the files it changes: a find-and-replace ({@code Edit}, {@code replace}, opencode's
 * {@code edit}; {@code oldText}/{@code newText} as the MCP filesystem server's edits name them) diffed line by line with java-diff-utils, {@code MultiEdit} as one hunk per edit, and a
 * Codex patch ({@code apply_patch}) parsed into its files and hunks. Empty when the input is not an edit
 * this understands; the call is then shown field by field.
 */
public final class Edits {

    static final int CONTEXT = 3;

    private Edits() {
    }

    public static Optional<List<FileDiff>> of(Call call) {
        String patch = call.text("input", "patch");
        if (patch == null && call.input().get("command") instanceof List<?> argv && argv.size() == 2
                && "apply_patch".equals(argv.get(0)) && argv.get(1) instanceof String text) {
            patch = text;
        }
        if (patch != null && patch.contains("*** Begin Patch")) {
            List<FileDiff> files = ApplyPatch.parse(patch);
            return files.isEmpty() ? Optional.empty() : Optional.of(files);
        }
        String path = call.path();
        List<?> edits = call.list("edits");
        if (!edits.isEmpty()) {
            List<FileDiff.Line> lines = new ArrayList<>();
            for (Object edit : edits) {
                if (!(edit instanceof Map<?, ?> fields)) {
                    return Optional.empty();
                }
                Replacement one = Replacement.of(fields);
                if (one == null) {
                    return Optional.empty();
                }
                lines.addAll(diff(one.before(), one.after()));
            }
            return Optional.of(List.of(new FileDiff(path == null ? "" : path, "edit", lines)));
        }
        Replacement one = Replacement.of(call.input());
        if (one == null) {
            return Optional.empty();
        }
        return Optional.of(List.of(new FileDiff(path == null ? "" : path, "edit", diff(one.before(), one.after()))));
    }

    /** Unified-diff lines turning {@code before} into {@code after}, three lines of context around each change. */
    public static List<FileDiff.Line> diff(String before, String after) {
        List<String> old = lines(before);
        List<String> updated = lines(after);
        Patch<String> patch = DiffUtils.diff(old, updated);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("a", "b", old, patch, CONTEXT);
        List<FileDiff.Line> lines = new ArrayList<>(unified.size());
        for (String line : unified.subList(Math.min(2, unified.size()), unified.size())) {
            if (line.startsWith("@@")) {
                lines.add(new FileDiff.Line(FileDiff.Type.HUNK, line));
            } else if (line.startsWith("-")) {
                lines.add(new FileDiff.Line(FileDiff.Type.REMOVED, line.substring(1)));
            } else if (line.startsWith("+")) {
                lines.add(new FileDiff.Line(FileDiff.Type.ADDED, line.substring(1)));
            } else {
                lines.add(new FileDiff.Line(FileDiff.Type.CONTEXT, line.isEmpty() ? "" : line.substring(1)));
            }
        }
        return lines;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    private record Replacement(String before, String after) {

        static Replacement of(Map<?, ?> fields) {
            Object before = first(fields, "old_string", "oldString", "old_str", "oldText");
            Object after = first(fields, "new_string", "newString", "new_str", "newText");
            return before instanceof String b && after instanceof String a ? new Replacement(b, a) : null;
        }

        private static Object first(Map<?, ?> fields, String... keys) {
            for (String key : keys) {
                if (fields.containsKey(key)) {
                    return fields.get(key);
                }
            }
            return null;
        }
    }
}
