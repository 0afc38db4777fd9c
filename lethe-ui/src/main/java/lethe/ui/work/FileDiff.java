package lethe.ui.work;

import java.util.List;

/**
 * The change to one file, as unified-diff lines.
 *
 * @param action  what happened to the file: "edit", "add", "delete", or "move to …"
 */
public record FileDiff(String path, String action, List<Line> lines) {

    public FileDiff {
        lines = List.copyOf(lines);
    }

    /** One line of a diff; {@code text} is the line without its marker. */
    public record Line(Type type, String text) {
    }

    public enum Type {
        HUNK('@'), CONTEXT(' '), REMOVED('-'), ADDED('+');

        private final char marker;

        Type(char marker) {
            this.marker = marker;
        }

        /** The line's first character in a unified diff ({@code @} stands for a hunk header, written whole). */
        public char marker() {
            return marker;
        }
    }

    /** The diff as unified-diff text (hunk headers as they are, other lines with their marker). */
    public String unified() {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            if (line.type() != Type.HUNK) {
                out.append(line.type().marker());
            }
            out.append(line.text()).append('\n');
        }
        return out.toString();
    }
}
