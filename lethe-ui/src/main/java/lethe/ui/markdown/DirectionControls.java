package lethe.ui.markdown;

import java.util.Locale;

/**
 * Unicode embedding, override and isolate controls are invisible yet reorder the text around them, so
 * that what a reader sees differs from what is stored ("Trojan Source"). Transcript text shows each one
 * as a visible marker instead, e.g. {@code ⟦U+202E⟧}.
 */
public final class DirectionControls {

    private DirectionControls() {
    }

    public static boolean isControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    public static String reveal(String text) {
        if (text == null) {
            return null;
        }
        int first = firstControl(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                out.append("⟦U+").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append('⟧');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
