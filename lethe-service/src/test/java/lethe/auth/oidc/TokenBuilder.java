package lethe.auth.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Mints JWTs the way a provider does, with jjwt, starting from a valid access token: issuer, audience,
 * an opaque {@code sub}, the user in {@code preferred_username}, {@code iat} now and {@code exp} in five
 * minutes. Tests change one thing and sign. The forgeries jjwt rightly refuses to write ({@code alg:
 * none}, HMAC keyed with a public key) are assembled by hand.
 */
final class TokenBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    TokenBuilder(String issuer, String audience, String user) {
        Instant now = Instant.now();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("preferred_username", user);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
    }

    TokenBuilder claim(String name, Object value) {
        claims.put(name, value instanceof Instant instant ? instant.getEpochSecond() : value);
        return this;
    }

    TokenBuilder without(String claim) {
        claims.remove(claim);
        return this;
    }

    TokenBuilder type(String typ) {
        header.put("typ", typ);
        return this;
    }

    /** Signed by the key, naming its {@code kid} in the header. */
    String signedWith(TestIdentityProvider.SigningKey key) {
        JwtBuilder builder = Jwts.builder().header().add(header).keyId(key.kid()).and();
        claims.forEach((name, value) -> {
            if ("aud".equals(name) && value instanceof Collection<?> audiences) {
                audiences.forEach(audience -> builder.audience().add((String) audience).and());
            } else if ("aud".equals(name)) {
                builder.audience().single((String) value);
            } else {
                builder.claim(name, value);
            }
        });
        return builder.signWith(key.pair().getPrivate(), key.alg()).compact();
    }

    /** An unsecured JWT ({@code alg: none}, empty signature). */
    String unsigned() {
        Map<String, Object> none = new LinkedHashMap<>(header);
        none.put("alg", "none");
        return encode(none) + "." + encode(claims) + ".";
    }

    /**
     * The classic key-confusion forgery: HS256 with the provider's RSA public key (which anybody can
     * download) as the HMAC secret, aimed at verifiers that pick the algorithm from the token.
     */
    String hs256WithPublicKeyAsSecret(String kid, PublicKey publicKey) {
        Map<String, Object> hmac = new LinkedHashMap<>(header);
        hmac.put("alg", "HS256");
        hmac.put("kid", kid);
        String signingInput = encode(hmac) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with its payload swapped for these claims, keeping the original header and signature. */
    static String withPayload(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    static Map<String, Object> payloadOf(String token) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = JSON.readValue(json, LinkedHashMap.class);
            return payload;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
