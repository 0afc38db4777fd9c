package lethe.importer.sources;

import lethe.api.Attachment;
import lethe.api.WireRules;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Images the assistants keep inline as {@code data:} URLs or base64 with a media type, as attachments when
 * lethe accepts them (png, jpeg, gif, webp; at most {@code maxBytes} decoded, the server's
 * {@code ingest.max_attachment_bytes} given as {@code --max-attachment-bytes}).
 */
public final class DataUrls {

    private DataUrls() {
    }

    public static Optional<Attachment> attachment(String url, String name, long maxBytes) {
        if (url == null || !url.startsWith("data:")) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        String header = url.substring(5, comma);
        if (!header.endsWith(";base64")) {
            return Optional.empty();
        }
        return attachment(header.substring(0, header.length() - ";base64".length()), url.substring(comma + 1), name, maxBytes);
    }

    public static Optional<Attachment> attachment(String mediaType, String base64, String name, long maxBytes) {
        if (mediaType == null || base64 == null) {
            return Optional.empty();
        }
        String type = mediaType.toLowerCase(Locale.ROOT).strip();
        if (!WireRules.isAttachmentMediaType(type)) {
            return Optional.empty();
        }
        long decoded = base64.length() / 4L * 3;
        if (decoded > maxBytes) {
            return Optional.empty();
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        return Optional.of(new Attachment(type, base64, name));
    }
}
