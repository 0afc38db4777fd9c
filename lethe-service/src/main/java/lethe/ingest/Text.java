package lethe.ingest;

/** Text clean-up applied to turn content before it is stored. */
final class Text {

    private Text() {
    }

    /**
     * Replaces unpaired UTF-16 surrogates (JSON escapes such as {@code "\ud83d"} left by a collector that
     * cut an emoji in half) with U+FFFD, so that what is stored is valid UTF-8 and reads back as sent
     * everywhere else.
     */
    static String wellFormed(String text) {
        StringBuilder fixed = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
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
}
