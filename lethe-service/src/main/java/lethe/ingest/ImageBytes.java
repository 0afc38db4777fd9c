package lethe.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Recognises the image types an attachment may have by their leading bytes, so that a declared
 * {@code media_type} is only believed when the bytes agree: an HTML page labelled {@code image/png}
 * must never be stored, since it would be served with the type it lied about.
 */
final class ImageBytes {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private ImageBytes() {
    }

    /** True when {@code bytes} start the way every file of {@code mediaType} starts. */
    static boolean are(String mediaType, byte[] bytes) {
        return switch (mediaType) {
            case "image/png" -> startsWith(bytes, 0, PNG);
            case "image/jpeg" -> startsWith(bytes, 0, JPEG);
            case "image/gif" -> startsWith(bytes, 0, GIF87) || startsWith(bytes, 0, GIF89);
            case "image/webp" -> startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP);
            default -> false;
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
