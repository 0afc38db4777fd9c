package lethe.auth.oidc;

import io.dropwizard.core.setup.Environment;
import lethe.auth.AuthConfig;
import lethe.auth.BearerVerifier;

import java.time.Clock;
import java.util.Optional;

/**
 * Sets up OIDC bearer authentication when {@code auth.oidc.enabled} is on. (Local mode never gets here
 * with it on: that combination is refused at startup.)
 */
public final class OidcAuthentication {

    private OidcAuthentication() {
    }

    /**
     * The verifier to put in the auth chain, with its key cache loading in the background (startup does
     * not wait for the provider) and the {@code oidc} health check registered.
     */
    public static Optional<BearerVerifier> install(AuthConfig auth, Environment environment) {
        OidcConfig config = auth.getOidc();
        if (!config.isEnabled()) {
            return Optional.empty();
        }
        Clock clock = Clock.systemUTC();
        SigningKeyCache cache = new SigningKeyCache(new ProviderClient(config, environment.getObjectMapper(), clock),
                clock, config.getJwksMinRefetchInterval().toJavaDuration(), environment.metrics());
        environment.lifecycle().manage(new KeyRefresher(cache, config.getJwksCacheLifetime().toJavaDuration(),
                config.getJwksMinRefetchInterval().toJavaDuration()));
        environment.healthChecks().register(OidcHealthCheck.NAME, new OidcHealthCheck(cache));
        return Optional.of(new OidcVerifier(config, cache, clock));
    }
}
