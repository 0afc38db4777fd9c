package lethe.session;

import java.util.Map;

/** The file name an attachment is served under: the collector's name made harmless, with the extension its type has. */
final class AttachmentNames {

    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", ".png", "image/jpeg", ".jpg", "image/gif", ".gif", "image/webp", ".webp");
    private static final int MAX_LENGTH = 100;

    private AttachmentNames() {
    }

    /**
     * Only letters, digits, {@code .}, {@code _} and {@code -} survive (a quote or a CR could break the
     * header; a path or an {@code .html} ending could mislead whoever saves it), and the name always ends
     * with the extension of the type the bytes were checked to be.
     */
    static String safe(AttachmentFile file, int index) {
        String extension = EXTENSIONS.getOrDefault(file.mediaType(), ".bin");
        String base = file.name() == null ? "" : file.name().replaceAll("[^A-Za-z0-9._-]", "_");
        int dot = base.lastIndexOf('.');
        if (dot >= 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("^[._]+", "");
        if (base.isEmpty()) {
            base = "attachment-" + index;
        }
        if (base.length() > MAX_LENGTH) {
            base = base.substring(0, MAX_LENGTH);
        }
        return base + extension;
    }
}
