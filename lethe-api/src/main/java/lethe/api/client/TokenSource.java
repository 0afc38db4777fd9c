package lethe.api.client;

import java.io.IOException;

/**
 * Supplies the bearer token for the next request. It is asked before every attempt, so an implementation
 * that refreshes expiring tokens (an OIDC login, say) hands out a fresh one without the client knowing.
 */
@FunctionalInterface
public interface TokenSource {

    String token() throws IOException;

    /** A token that never changes: an API key, or a JWT obtained out of band. */
    static TokenSource fixed(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the token is empty");
        }
        String trimmed = token.strip();
        return () -> trimmed;
    }
}
