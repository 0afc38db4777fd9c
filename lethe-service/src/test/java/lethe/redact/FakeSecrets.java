package lethe.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Secrets in the real formats of each provider, made up from a seeded random source so that no
 * secret-shaped string is written in the repository (and every run sees the same ones).
 */
public final class FakeSecrets {

    private static final String UPPER_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_SAFE = ALNUM + "_-";
    private static final String DIGITS = "0123456789";

    private final Random random;

    public FakeSecrets(long seed) {
        random = new Random(seed);
    }

    private String pick(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    public String aws() {
        return "AKIA" + pick(UPPER_BASE32, 16);
    }

    public String github() {
        return "ghp_" + pick(ALNUM, 36);
    }

    public String anthropic() {
        return "sk-ant-api03-" + pick(URL_SAFE, 93) + "AA";
    }

    public String openai() {
        return "sk-proj-" + pick(URL_SAFE, 74) + "T3BlbkFJ" + pick(URL_SAFE, 74);
    }

    public String slack() {
        return "xoxb-" + pick(DIGITS, 12) + "-" + pick(DIGITS, 13) + "-" + pick(ALNUM, 24);
    }

    public String privateKey() {
        byte[] der = new byte[600];
        random.nextBytes(der);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END RSA PRIVATE KEY-----";
    }

    public String jwt() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"sub\":\"" + pick(ALNUM, 12) + "\",\"iat\":1700000000}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + pick(URL_SAFE, 43);
    }

    /** The password of a connection URL; the URL around it is {@link #connectionUrl(String)}. */
    public String password() {
        return pick(ALNUM, 18);
    }

    public static String connectionUrl(String password) {
        return "postgres://app:" + password + "@db.internal:5432/orders";
    }
}
