package lethe.metrics;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many sessions and turns are stored, counted exactly but at most once per {@code maxAge}: an
 * exact {@code count(*)} walks a whole index, which at a million turns costs tens of milliseconds, too
 * much to pay on every scrape and too little to be worth keeping counters in sync on every write.
 */
final class StoredCounts {

    record Counts(long sessions, long turns) {
    }

    private final Jdbi jdbi;
    private final Duration maxAge;
    private final Clock clock;
    private Counts counts;
    private Instant countedAt;

    StoredCounts(Jdbi jdbi, Duration maxAge, Clock clock) {
        this.jdbi = jdbi;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    synchronized Counts get() {
        Instant now = clock.instant();
        if (counts == null || !now.isBefore(countedAt.plus(maxAge))) {
            counts = jdbi.withHandle(handle -> new Counts(
                    handle.createQuery("SELECT count(*) FROM sessions").mapTo(Long.class).one(),
                    handle.createQuery("SELECT count(*) FROM turns").mapTo(Long.class).one()));
            countedAt = now;
        }
        return counts;
    }
}
