package lethe.auth.oidc;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

import java.security.PublicKey;
import java.util.Collection;
import java.util.Map;

/**
 * The JWS algorithms lethe accepts: asymmetric signatures only. {@code none} would let anyone write a
 * token, and an HMAC algorithm would turn the provider's public key into a shared secret anybody knows.
 */
final class SignatureAlgorithms {

    /** Algorithm → the Java key algorithm a verifying key must have. */
    private static final Map<String, String> KEY_TYPE = Map.ofEntries(
            Map.entry("RS256", "RSA"), Map.entry("RS384", "RSA"), Map.entry("RS512", "RSA"),
            Map.entry("PS256", "RSA"), Map.entry("PS384", "RSA"), Map.entry("PS512", "RSA"),
            Map.entry("ES256", "EC"), Map.entry("ES384", "EC"), Map.entry("ES512", "EC"),
            Map.entry("EdDSA", "EdDSA"));

    private SignatureAlgorithms() {
    }

    static Collection<SecureDigestAlgorithm<?, ?>> accepted() {
        return KEY_TYPE.keySet().stream()
                .<SecureDigestAlgorithm<?, ?>>map(Jwts.SIG.get()::forKey)
                .toList();
    }

    /**
     * True when the key is of the kind the algorithm verifies with. The EC curve and RSA key size are
     * then checked by jjwt itself when it verifies the signature.
     */
    static boolean fits(String algorithm, PublicKey key) {
        String expected = KEY_TYPE.get(algorithm);
        if (expected == null) {
            return false;
        }
        String actual = key.getAlgorithm();
        if ("EdDSA".equals(expected)) {
            return "EdDSA".equals(actual) || "Ed25519".equals(actual) || "Ed448".equals(actual);
        }
        return expected.equals(actual);
    }
}
