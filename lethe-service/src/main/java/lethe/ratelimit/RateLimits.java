package lethe.ratelimit;

import io.dropwizard.core.setup.Environment;
import lethe.auth.AuthConfig;

/** Puts the per-principal rate limits in front of every authenticated resource. */
public final class RateLimits {

    public static final String LIMITED_COUNTER = "lethe.rate_limited";

    private RateLimits() {
    }

    /** Off when disabled, and in local mode, where the one user is the only one there is to starve. */
    public static void install(Environment environment, RateLimitConfig config, AuthConfig auth) {
        if (!config.isEnabled() || auth.isLocalMode()) {
            return;
        }
        environment.jersey().register(new RateLimitFilter(
                new RateLimiter(config.getIngest(), System::nanoTime),
                new RateLimiter(config.getReads(), System::nanoTime),
                environment.metrics().counter(LIMITED_COUNTER)));
    }
}
