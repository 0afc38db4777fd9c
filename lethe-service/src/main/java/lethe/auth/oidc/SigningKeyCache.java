package lethe.auth.oidc;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The provider's signing keys, held in memory so that verifying a token never waits on the network.
 *
 * <p>Refreshed in the background ({@link KeyRefresher}) and on demand when a token names a key id the
 * cache does not know, which is how a provider's key rotation shows up. The on-demand path is open to
 * anyone who can send a request (a forged token may carry any {@code kid}), so it fetches at most once
 * per {@code jwks_min_refetch_interval}. A failed fetch never throws away keys that were loaded before.
 */
final class SigningKeyCache {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyCache.class);

    private final ProviderClient provider;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private final Counter fetches;
    private final Counter fetchFailures;

    /** Serialises fetches, so a burst of requests waiting for the same new key causes a single fetch. */
    private final Object fetchLock = new Object();

    private volatile SigningKeys keys;
    private volatile Failure lastFailure;
    /** Guarded by {@link #fetchLock}; null until the first on-demand fetch. */
    private Instant lastOnDemandFetch;

    SigningKeyCache(ProviderClient provider, Clock clock, Duration minRefetchInterval, MetricRegistry metrics) {
        this.provider = provider;
        this.clock = clock;
        this.minRefetchInterval = minRefetchInterval;
        this.fetches = metrics.counter("lethe.oidc.jwks.fetches");
        this.fetchFailures = metrics.counter("lethe.oidc.jwks.fetch_failures");
        metrics.gauge("lethe.oidc.jwks.keys", () -> () -> keys == null ? 0 : keys.keys().size());
    }

    /** A fetch that did not work, kept for the health check and the logs. */
    record Failure(String reason, Instant at) {
    }

    String issuer() {
        return provider.issuer();
    }

    /** How long a client should wait before a new on-demand fetch may be tried. */
    Duration minRefetchInterval() {
        return minRefetchInterval;
    }

    /** The keys in use, or empty while none have ever been loaded. */
    Optional<SigningKeys> current() {
        return Optional.ofNullable(keys);
    }

    Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Fetches the key set now, keeping the old keys when it fails. True when the fetch worked. */
    boolean refresh() {
        synchronized (fetchLock) {
            fetches.inc();
            try {
                SigningKeys fetched = provider.fetchSigningKeys();
                SigningKeys previous = keys;
                keys = fetched;
                lastFailure = null;
                if (previous == null || !previous.keyIds().equals(fetched.keyIds())) {
                    LOG.info("OIDC: loaded {} signing keys {} from {}", fetched.keys().size(), fetched.keyIds(), fetched.source());
                }
                return true;
            } catch (ProviderFetchException | RuntimeException e) {
                fetchFailures.inc();
                lastFailure = new Failure(e.getMessage(), clock.instant());
                LOG.warn("OIDC: could not refresh the signing keys of {}{}: {}", provider.issuer(),
                        keys == null ? " (no keys loaded yet: bearer tokens get 503)" : " (still using the keys loaded before)",
                        e.getMessage());
                return false;
            }
        }
    }

    /**
     * Fetches again because a token needs a key that {@code seen} lacks (an unknown {@code kid}, or no keys
     * at all yet), unless another request has just done so or the interval since the last on-demand
     * fetch has not passed. Returns the keys in use afterwards.
     */
    Optional<SigningKeys> refetchFor(SigningKeys seen) {
        synchronized (fetchLock) {
            if (keys != seen) {
                return current();
            }
            Instant now = clock.instant();
            if (lastOnDemandFetch != null && now.isBefore(lastOnDemandFetch.plus(minRefetchInterval))) {
                return current();
            }
            lastOnDemandFetch = now;
            refresh();
            return current();
        }
    }
}
