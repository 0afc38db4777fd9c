package lethe.auth.oidc;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.PublicJwk;

import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The provider's signature keys as last fetched: immutable, so request threads read them without locking. */
record SigningKeys(List<PublicJwk<?>> keys, URI source, Instant fetchedAt) {

    SigningKeys {
        keys = List.copyOf(keys);
    }

    /**
     * The public keys meant for signatures. A set may also hold encryption keys ({@code use: enc}), which
     * must never verify a token; jjwt has already dropped key types it does not support.
     */
    static SigningKeys from(JwkSet set, URI source, Instant fetchedAt) {
        List<PublicJwk<?>> signing = set.getKeys().stream()
                .filter(PublicJwk.class::isInstance)
                .map(jwk -> (PublicJwk<?>) jwk)
                .filter(jwk -> jwk.getPublicKeyUse() == null || "sig".equals(jwk.getPublicKeyUse()))
                .collect(Collectors.toList());
        return new SigningKeys(signing, source, fetchedAt);
    }

    boolean knows(String keyId) {
        return keys.stream().anyMatch(jwk -> keyId.equals(jwk.getId()));
    }

    /**
     * The key a token names with {@code kid}, or, for a token without one, the only key that could have
     * signed it. Either way the key must fit the token's algorithm: by the key's own {@code alg} when
     * the set states one, and by its type (RSA, EC, EdDSA) always.
     */
    Optional<PublicKey> forToken(String keyId, String algorithm) {
        List<PublicJwk<?>> fitting = keys.stream()
                .filter(jwk -> keyId == null || keyId.equals(jwk.getId()))
                .filter(jwk -> jwk.getAlgorithm() == null || jwk.getAlgorithm().equals(algorithm))
                .filter(jwk -> SignatureAlgorithms.fits(algorithm, jwk.toKey()))
                .collect(Collectors.toList());
        if (fitting.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(fitting.get(0).toKey());
    }

    Set<String> keyIds() {
        return keys.stream().map(Jwk::getId).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
