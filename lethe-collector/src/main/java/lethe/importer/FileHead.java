package lethe.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The first bytes of a file, fingerprinted: the same path with different first bytes is a different
 * file, to be read again from the start.
 */
public final class FileHead {

    public static final int LENGTH = 1024;

    private final byte[] head;
    private String fullDigest;

    private FileHead(byte[] head) {
        this.head = head;
    }

    public static FileHead read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new FileHead(in.readNBytes(LENGTH));
        }
    }

    /** The digest of the first {@code min(offset, LENGTH)} bytes: the part of the head already imported. */
    public String digestUpTo(long offset) {
        int length = (int) Math.min(Math.min(offset, LENGTH), head.length);
        if (length == LENGTH) {
            if (fullDigest == null) {
                fullDigest = sha256(head, LENGTH);
            }
            return fullDigest;
        }
        return sha256(head, length);
    }

    private static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Arrays.copyOf(bytes, length));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
