package lethe.auth.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The secret of an API key: {@code lethe_<id>_<random><checksum>}.
 *
 * <ul>
 *   <li>{@code lethe_} lets secret scanners (and lethe's bearer filter) recognise a key by its shape;</li>
 *   <li>{@code <id>} (12 characters) is the key's public id, the same one {@code keys list} shows, so a
 *       user can tell which key a machine holds without lethe ever storing any part of the secret;</li>
 *   <li>{@code <random>} is 43 base62 characters from {@link SecureRandom}: 43 × log2(62) ≈ 256 bits;</li>
 *   <li>{@code <checksum>} is a CRC32 of everything before it, so that a truncated, mistyped or tampered
 *       key is refused from its shape alone, before lethe looks anything up.</li>
 * </ul>
 */
public final class ApiKeySecret {

    public static final String PREFIX = "lethe_";
    static final int ID_LENGTH = 12;
    static final int RANDOM_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + ID_LENGTH + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final String value;

    private ApiKeySecret(String id, String value) {
        this.id = id;
        this.value = value;
    }

    public static ApiKeySecret generate() {
        String id = Base62.random(RANDOM, ID_LENGTH);
        String body = PREFIX + id + "_" + Base62.random(RANDOM, RANDOM_LENGTH);
        return new ApiKeySecret(id, body + checksum(body));
    }

    /** The secret when {@code token} has exactly the shape of one and its checksum matches; empty otherwise. */
    public static Optional<ApiKeySecret> parse(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int idEnd = PREFIX.length() + ID_LENGTH;
        if (token.charAt(idEnd) != '_'
                || !Base62.isBase62(token, PREFIX.length(), idEnd)
                || !Base62.isBase62(token, idEnd + 1, LENGTH)) {
            return Optional.empty();
        }
        String body = token.substring(0, LENGTH - CHECKSUM_LENGTH);
        byte[] expected = checksum(body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = token.substring(LENGTH - CHECKSUM_LENGTH).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeySecret(token.substring(PREFIX.length(), idEnd), token));
    }

    /** True when a string could be an API key id (for path parameters and the CLI). */
    public static boolean isId(String text) {
        return text != null && text.length() == ID_LENGTH && Base62.isBase62(text, 0, ID_LENGTH);
    }

    /** How a key is shown once its secret is gone: enough to recognise it, nothing to use. */
    public static String displayPrefix(String id) {
        return PREFIX + id + "_…";
    }

    public String id() {
        return id;
    }

    public String value() {
        return value;
    }

    /**
     * SHA-256 of the whole secret, hex. A fast, unsalted hash is right here, unlike for passwords:
     * slow hashes and salts exist to stop guessing of low-entropy, reused secrets, but these 256 random
     * bits cannot be guessed or found in a dictionary, and a leaked table of SHA-256 values reveals
     * nothing usable. Being deterministic, the hash can also be looked up through a unique index.
     */
    public String hash() {
        return HexFormat.of().formatHex(sha256(value));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.fixedWidth(crc.getValue(), CHECKSUM_LENGTH);
    }

    /** Never the secret itself: a key must not end up in a log line by accident. */
    @Override
    public String toString() {
        return displayPrefix(id);
    }
}
