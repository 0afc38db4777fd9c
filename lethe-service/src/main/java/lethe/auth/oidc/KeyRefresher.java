package lethe.auth.oidc;

import io.dropwizard.lifecycle.Managed;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loads the signing keys in the background: first right after startup, so that lethe starts even
 * while the provider is down, then once per {@code jwks_cache_lifetime}. After a failure it retries
 * sooner, starting at {@code jwks_min_refetch_interval} and doubling up to the cache lifetime.
 */
final class KeyRefresher implements Managed {

    private final SigningKeyCache cache;
    private final Duration lifetime;
    private final Duration firstRetry;
    private ScheduledExecutorService scheduler;
    private int consecutiveFailures;

    KeyRefresher(SigningKeyCache cache, Duration lifetime, Duration firstRetry) {
        this.cache = cache;
        this.lifetime = lifetime;
        this.firstRetry = firstRetry;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lethe-oidc-keys");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.execute(this::refreshAndReschedule);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }

    private void refreshAndReschedule() {
        boolean loaded = cache.refresh();
        consecutiveFailures = loaded ? 0 : consecutiveFailures + 1;
        try {
            scheduler.schedule(this::refreshAndReschedule, nextDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // lethe is stopping: the fetch that just finished was the last one.
        }
    }

    private Duration nextDelay() {
        if (consecutiveFailures == 0) {
            return lifetime;
        }
        Duration backoff = firstRetry.multipliedBy(1L << Math.min(consecutiveFailures - 1, 20));
        return backoff.compareTo(lifetime) < 0 ? backoff : lifetime;
    }
}
