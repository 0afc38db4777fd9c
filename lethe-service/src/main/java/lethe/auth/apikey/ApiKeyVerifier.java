package lethe.auth.apikey;

import lethe.auth.AuthMethod;
import lethe.auth.BearerVerifier;
import lethe.auth.Identity;

import java.util.Optional;
import java.util.Set;

/**
 * {@code Authorization: Bearer lethe_…}. Recognised by its prefix alone, so a key is never handed to
 * the JWT parser; judged by its shape and checksum before the database is asked, so a mangled key
 * costs no lookup at all. A good key signs in as its owner, who still has to be on the allowlist.
 */
public final class ApiKeyVerifier implements BearerVerifier {

    private final ApiKeyService keys;

    ApiKeyVerifier(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(ApiKeySecret.PREFIX);
    }

    @Override
    public Optional<Identity> verify(String token) {
        return ApiKeySecret.parse(token)
                .flatMap(keys::authenticate)
                .map(key -> new Identity(key.owner(), Set.of(), AuthMethod.API_KEY));
    }
}
