package lethe.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.List;
import java.util.Optional;

/**
 * {@code Authorization: Bearer …}, handed to the first {@link BearerVerifier} that recognises the token.
 * Only the header is read: a token in the query string would end up in access logs, so there is none.
 */
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter extends LetheAuthFilter {

    private static final String SCHEME = "Bearer";

    private final List<BearerVerifier> verifiers;
    private final AuthFailureListener failures;

    public BearerAuthFilter(List<BearerVerifier> verifiers, AccessPolicy policy, AuthFailureListener failures) {
        super(policy, SCHEME);
        this.verifiers = List.copyOf(verifiers);
        this.failures = failures;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw Challenges.missingCredentials(true);
        }
        BearerVerifier verifier = verifiers.stream()
                .filter(candidate -> candidate.recognises(token))
                .findFirst()
                .orElseThrow(() -> refused("it is neither a lethe API key nor a JWT this lethe accepts."));
        Optional<Identity> identity = verifier.verify(token);
        if (identity.isEmpty()) {
            throw refused("it is invalid, expired or not meant for this lethe.");
        }
        signIn(request, identity.get());
    }

    private RuntimeException refused(String why) {
        failures.failed(AuthFailureListener.Reason.BAD_CREDENTIALS);
        return Challenges.invalidToken(why);
    }

    private static String token(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length() + 1
                || !authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return null;
        }
        String token = authorization.substring(SCHEME.length() + 1).trim();
        return token.isEmpty() ? null : token;
    }
}
