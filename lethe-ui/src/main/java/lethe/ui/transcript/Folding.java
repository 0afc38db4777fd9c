package lethe.ui.transcript;

import lethe.ui.format.Numbers;
import lethe.ui.markdown.DirectionControls;

/**
 * When a turn's body starts closed. Tool calls, tool output and thinking are read less often than the
 * conversation, so they fold early; any turn folds once it is very long. Folding only hides: the whole
 * text is always on the page, one click (or Enter) away, and in-page search still finds it.
 */
public final class Folding {

    static final int SECONDARY_LINES = 12;
    static final int SECONDARY_CHARS = 1_200;
    static final int LONG_LINES = 150;
    static final int LONG_CHARS = 12_000;
    static final int PREVIEW_CHARS = 100;

    private Folding() {
    }

    public static boolean folds(String content, boolean secondary) {
        int chars = content.length();
        int lines = lines(content);
        if (secondary) {
            return lines > SECONDARY_LINES || chars > SECONDARY_CHARS;
        }
        return lines > LONG_LINES || chars > LONG_CHARS;
    }

    /** "first words of the text… · 340 lines · 12 kB": enough to decide whether to open it. */
    public static String summary(String content) {
        return summary(content, content);
    }

    /** The same, with the words taken from {@code label} (e.g. a tool call's description) instead. */
    public static String summary(String content, String label) {
        String preview = firstLine(label);
        int lines = lines(content);
        String size = Numbers.bytes(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        String counts = lines == 1 ? size : Numbers.exact(lines) + " lines · " + size;
        return preview.isEmpty() ? counts : preview + " · " + counts;
    }

    static int lines(String content) {
        if (content.isEmpty()) {
            return 0;
        }
        int lines = 1;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n' && i < content.length() - 1) {
                lines++;
            }
        }
        return lines;
    }

    private static String firstLine(String content) {
        for (String line : content.split("\n", 20)) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                String shown = stripped.length() > PREVIEW_CHARS
                        ? stripped.substring(0, cut(stripped, PREVIEW_CHARS)) + "…"
                        : stripped;
                return DirectionControls.reveal(shown);
            }
        }
        return "";
    }

    private static int cut(String text, int at) {
        return Character.isHighSurrogate(text.charAt(at - 1)) ? at - 1 : at;
    }
}
