package lethe.auth.oidc;

import com.codahale.metrics.health.HealthCheck;

import java.util.Optional;

/**
 * {@code oidc}: unhealthy while no signing key has ever been loaded (bearer tokens then get 503). Once
 * keys are loaded a failed refresh leaves it healthy, because tokens are still checked with those keys.
 */
final class OidcHealthCheck extends HealthCheck {

    static final String NAME = "oidc";

    private final SigningKeyCache cache;

    OidcHealthCheck(SigningKeyCache cache) {
        this.cache = cache;
    }

    @Override
    protected Result check() {
        Optional<SigningKeyCache.Failure> failure = cache.lastFailure();
        Optional<SigningKeys> keys = cache.current();
        if (keys.isEmpty()) {
            return Result.unhealthy("no signing keys loaded from %s yet%s", cache.issuer(),
                    failure.map(f -> ": " + f.reason()).orElse(" (first fetch in progress)"));
        }
        SigningKeys loaded = keys.get();
        return Result.healthy("%d signing keys from %s, fetched at %s%s", loaded.keys().size(), loaded.source(),
                loaded.fetchedAt(), failure.map(f -> "; the last refresh at " + f.at() + " failed: " + f.reason()).orElse(""));
    }
}
