package lethe.ui.work;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Codex's patch format: {@code *** Begin Patch}, then per file {@code *** Update File: path}
 * (optionally {@code *** Move to: path}), {@code *** Add File: path} or {@code *** Delete File: path},
 * hunks opened by {@code @@}, lines marked with a space, {@code -} or {@code +}, and {@code *** End Patch}.
 * Lines it does not recognise are kept as context, so nothing of the patch goes missing.
 */
public final class ApplyPatch {

    private ApplyPatch() {
    }

    public static List<FileDiff> parse(String patch) {
        List<FileDiff> files = new ArrayList<>();
        String path = null;
        String action = null;
        List<FileDiff.Line> lines = new ArrayList<>();
        for (String line : patch.split("\n", -1)) {
            String header = fileHeader(line);
            if (header != null) {
                if (path != null) {
                    files.add(new FileDiff(path, action, lines));
                }
                action = line.startsWith("*** Add") ? "add" : line.startsWith("*** Delete") ? "delete" : "edit";
                path = header;
                lines = new ArrayList<>();
            } else if (line.startsWith("*** Move to: ") && path != null) {
                action = "move to " + line.substring("*** Move to: ".length()).strip();
            } else if (path == null || line.startsWith("*** End Patch") || line.equals("*** End of File")) {
                continue;
            } else if (line.startsWith("@@")) {
                lines.add(new FileDiff.Line(FileDiff.Type.HUNK, line));
            } else if (line.startsWith("+")) {
                lines.add(new FileDiff.Line(FileDiff.Type.ADDED, line.substring(1)));
            } else if (line.startsWith("-")) {
                lines.add(new FileDiff.Line(FileDiff.Type.REMOVED, line.substring(1)));
            } else if (line.startsWith(" ")) {
                lines.add(new FileDiff.Line(FileDiff.Type.CONTEXT, line.substring(1)));
            } else if (!line.isEmpty()) {
                lines.add(new FileDiff.Line(FileDiff.Type.CONTEXT, line));
            }
        }
        if (path != null) {
            files.add(new FileDiff(path, action, lines));
        }
        return files;
    }

    private static String fileHeader(String line) {
        for (String prefix : new String[] {"*** Update File: ", "*** Add File: ", "*** Delete File: "}) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return null;
    }
}
