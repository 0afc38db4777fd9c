package lethe.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import lethe.api.WireRules;

import lethe.api.WireRules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The identity a reverse proxy's forward-auth (Authelia, Authentik) put in {@code Remote-User}.
 *
 * <p><b>WARNING:</b> this header is just text any client can send. It proves something only because
 * (1) lethe listens on loopback or a private container network, (2) the only peer allowed to reach it
 * is the proxy, listed in {@code auth.forward_auth.trusted_proxies}, and (3) that proxy removes any
 * {@code Remote-*} headers a client sent before adding its own. The peer check below enforces (2)
 * using the TCP peer address, never {@code X-Forwarded-For}; (1) and (3) are the operator's part,
 * spelled out in the README's trust model. A header from any other peer is ignored as if absent.
 */
@Priority(Priorities.AUTHENTICATION)
public class ForwardAuthFilter extends LetheAuthFilter {

    private final String userHeader;
    private final String groupsHeader;
    private final TrustedProxies trustedProxies;
    private final boolean bearerAccepted;
    private final AuthFailureListener failures;
    private final Optional<byte[]> proxySecret;
    private final String proxySecretHeader;

    public ForwardAuthFilter(ForwardAuthConfig config, AccessPolicy policy, boolean bearerAccepted,
                             AuthFailureListener failures) {
        super(policy, "forward-auth");
        this.userHeader = config.getUserHeader();
        this.groupsHeader = config.getGroupsHeader();
        this.trustedProxies = new TrustedProxies(config.getTrustedProxies());
        this.bearerAccepted = bearerAccepted;
        this.failures = failures;
        this.proxySecret = config.getProxySecret().map(secret -> secret.getBytes(StandardCharsets.UTF_8));
        this.proxySecretHeader = config.getProxySecretHeader();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String user = request.getHeaderString(userHeader);
        if (user == null || user.isBlank()) {
            throw Challenges.missingCredentials(bearerAccepted);
        }
        if (!trustedProxies.trusts((String) request.getProperty(AuthChain.PEER_ADDRESS))) {
            failures.failed(AuthFailureListener.Reason.UNTRUSTED_PEER);
            throw Challenges.missingCredentials(bearerAccepted);
        }
        if (proxySecret.isPresent() && !provesProxy(request.getHeaderString(proxySecretHeader))) {
            failures.failed(AuthFailureListener.Reason.UNTRUSTED_PEER);
            throw Challenges.missingCredentials(bearerAccepted);
        }
        String decoded = utf8(user);
        String name = decoded == null ? null : decoded.strip();
        if (!WireRules.isUserName(name)) {
            failures.failed(AuthFailureListener.Reason.BAD_CREDENTIALS);
            throw Challenges.unauthorized("The forwarded user name is not a valid user name.", null);
        }
        signIn(request, new Identity(name, groups(utf8(request.getHeaderString(groupsHeader))), AuthMethod.FORWARD_AUTH));
    }

    /** Compares in time independent of where the values differ, so the secret cannot be guessed byte by byte. */
    private boolean provesProxy(String presented) {
        return presented != null
                && MessageDigest.isEqual(proxySecret.orElseThrow(), presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HTTP hands header bytes over as ISO-8859-1 characters; proxies send user names in UTF-8, so
     * {@code José} must be read back from its bytes. A header that is not valid UTF-8 yields null.
     */
    static String utf8(String header) {
        if (header == null || header.chars().allMatch(c -> c < 0x80)) {
            return header;
        }
        if (header.chars().anyMatch(c -> c > 0xff)) {
            return header;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static Set<String> groups(String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .filter(group -> !group.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
