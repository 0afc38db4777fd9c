package lethe.auth.oidc;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import lethe.api.ProblemCode;
import lethe.api.WireRules;
import lethe.auth.AuthMethod;
import lethe.auth.BearerVerifier;
import lethe.auth.Identity;
import lethe.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Accepts a JWT access token from the configured OpenID provider, verified locally against the
 * provider's cached signing keys: no network call per request.
 *
 * <p>A token is good when its signature is by a provider key that fits its asymmetric algorithm,
 * {@code iss} is the issuer, {@code aud} contains the audience, it has an {@code exp} that has not
 * passed and no {@code nbf}/{@code iat} in the future (each with the configured skew), its {@code typ}
 * is absent, {@code JWT} or {@code at+jwt}, and it carries the user name in {@code username_claim}.
 * {@code sub} is deliberately not used: providers fill it with an opaque id, not the user's name.
 */
public final class OidcVerifier implements BearerVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(OidcVerifier.class);

    /** Three base64url segments; the last may be empty so that {@code alg: none} tokens are judged (and refused) here. */
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /** lethe's own API keys, which another verifier handles. */
    private static final String API_KEY_PREFIX = "lethe_";
    /** RFC 9068 access tokens say {@code at+jwt}; older providers say {@code JWT} or nothing. */
    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "application/jwt", "at+jwt", "application/at+jwt");

    private final SigningKeyCache keys;
    private final JwtParser parser;
    private final String usernameClaim;
    private final String groupsClaim;
    private final Clock clock;
    private final Duration clockSkew;

    OidcVerifier(OidcConfig config, SigningKeyCache keys, Clock clock) {
        this.keys = keys;
        this.usernameClaim = config.getUsernameClaim();
        this.groupsClaim = config.getGroupsClaim();
        this.clock = clock;
        this.clockSkew = config.getClockSkew().toJavaDuration();
        this.parser = Jwts.parser()
                .sig().clear().add(SignatureAlgorithms.accepted()).and()
                .keyLocator(new CachedKeyLocator())
                .requireIssuer(config.getIssuer())
                .requireAudience(config.getAudience())
                .clockSkewSeconds(clockSkew.toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    @Override
    public boolean recognises(String token) {
        return !token.startsWith(API_KEY_PREFIX) && JWT_SHAPE.matcher(token).matches();
    }

    /**
     * The token's identity, or empty when it is not good. While no key has ever been loaded nothing can
     * be judged, and saying "invalid token" would send the collector's owner hunting for the wrong fault.
     */
    @Override
    public Optional<Identity> verify(String token) {
        if (keys.current().isEmpty() && keys.refetchFor(null).isEmpty()) {
            throw new ProblemException(ProblemCode.IDP_UNAVAILABLE, "lethe has not been able to load the signing keys"
                    + " of the identity provider " + keys.issuer() + " yet, so bearer tokens cannot be checked; retry later.",
                    null, Response.status(ProblemCode.IDP_UNAVAILABLE.status())
                            .header(HttpHeaders.RETRY_AFTER, Math.max(1, keys.minRefetchInterval().toSeconds()))
                            .build());
        }
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(token);
        } catch (JwtException | IllegalArgumentException e) {
            return refused(e.getMessage());
        }
        return identity(jws);
    }

    private Optional<Identity> identity(Jws<Claims> jws) {
        String type = jws.getHeader().getType();
        if (type != null && !ACCEPTED_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            return refused("its typ is '" + type + "', not JWT or at+jwt");
        }
        Claims claims = jws.getPayload();
        if (claims.getExpiration() == null) {
            return refused("it has no exp claim, so it would never expire");
        }
        Date issuedAt = claims.getIssuedAt();
        if (issuedAt != null && issuedAt.toInstant().isAfter(clock.instant().plus(clockSkew))) {
            return refused("its iat lies in the future");
        }
        Optional<String> name = username(claims.get(usernameClaim));
        if (name.isEmpty()) {
            return refused("it has no usable '" + usernameClaim + "' claim (auth.oidc.username_claim)");
        }
        return Optional.of(new Identity(name.get(), groups(claims.get(groupsClaim)), AuthMethod.OIDC));
    }

    private static Optional<String> username(Object claim) {
        if (!(claim instanceof String name) || !WireRules.isUserName(name)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** Providers send groups as an array of names; a few send a single name as a string. */
    private static Set<String> groups(Object claim) {
        if (claim instanceof String group) {
            return Set.of(group);
        }
        if (claim instanceof Collection<?> values) {
            return values.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    private static Optional<Identity> refused(String why) {
        // DEBUG only: anyone can send junk tokens, but an operator chasing a misconfigured audience needs the reason.
        LOG.debug("OIDC bearer token refused: {}", why);
        return Optional.empty();
    }

    /**
     * Finds the verification key in the cache by the token's {@code kid} and {@code alg}. A {@code kid}
     * the cache has never seen may be a key the provider has just rotated in, so the cache is asked to
     * refetch (which it does at most once per interval); a known {@code kid} never causes a fetch.
     */
    private final class CachedKeyLocator extends LocatorAdapter<Key> {
        @Override
        protected Key locate(JwsHeader header) {
            String keyId = header.getKeyId();
            String algorithm = header.getAlgorithm();
            SigningKeys seen = keys.current().orElse(null);
            Optional<PublicKey> key = seen == null ? Optional.empty() : seen.forToken(keyId, algorithm);
            if (key.isEmpty() && keyId != null && (seen == null || !seen.knows(keyId))) {
                key = keys.refetchFor(seen).flatMap(fresh -> fresh.forToken(keyId, algorithm));
            }
            // jjwt refuses a token whose key cannot be located.
            return key.orElse(null);
        }
    }
}
