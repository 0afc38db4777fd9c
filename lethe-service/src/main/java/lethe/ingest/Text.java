package lethe.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Text clean-up applied to turn content before it is stored. */
final class Text {

    private Text() {
    }

    /**
     * Replaces unpaired UTF-16 surrogates (JSON escapes such as {@code "\ud83d"} left by a collector that
     * cut an emoji in half) with U+FFFD, so that what is stored is valid UTF-8 and reads back as sent
     * everywhere else; likewise U+0000 (an escaped NUL), which PostgreSQL cannot store in text or
     * jsonb, so that both databases store the same.
     */
    static String wellFormed(String text) {
        StringBuilder fixed = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                if (fixed == null) {
                    fixed = new StringBuilder(text);
                }
                fixed.setCharAt(i, '\uFFFD');
                continue;
            }
            if (!Character.isSurrogate(c)) {
                continue;
            }
            boolean paired = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
                continue;
            }
            if (fixed == null) {
                fixed = new StringBuilder(text);
            }
            fixed.setCharAt(i, '\uFFFD');
        }
        return fixed == null ? text : fixed.toString();
    }

    /** {@link #wellFormed(String)} applied to every key and string of a JSON value (maps, lists, scalars). */
    static Object wellFormedJson(Object value) {
        if (value instanceof String text) {
            return wellFormed(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> fixed = new LinkedHashMap<>();
            map.forEach((key, item) -> fixed.put(wellFormed(String.valueOf(key)), wellFormedJson(item)));
            return fixed;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Text::wellFormedJson).toList();
        }
        return value;
    }
}
