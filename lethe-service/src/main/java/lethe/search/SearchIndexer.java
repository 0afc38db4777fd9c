package lethe.search;

import io.dropwizard.lifecycle.Managed;
import lethe.db.Database;
import lethe.ingest.IngestListener;
import lethe.problem.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Makes stored turns searchable, after the ingest transaction rather than inside it. A collector's
 * stream of requests runs at full speed, and the index catches up in large batches when writes pause;
 * a search first indexes whatever is pending (up to {@link #CATCH_UP_LIMIT} turns), so a search right
 * after an ingest finds what was just sent.
 *
 * <p>Both databases index this way ({@link SearchIndex} says how for each): on PostgreSQL, every replica runs
 * an indexer and they share the pending turns.
 */
public final class SearchIndexer implements Managed, IngestListener {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);

    /** Turns per indexing transaction: few FTS5 segments, and a collector arriving meanwhile waits little. */
    static final int BATCH = 2_000;
    /** Enough for any one request's worth of turns, and indexed in well under a second. */
    static final int CATCH_UP_LIMIT = 20_000;
    /** Indexing waits for writes to pause this long... */
    private static final Duration QUIET = Duration.ofMillis(250);
    /** ...unless this many turns are waiting: then it takes turns with the collectors. */
    private static final long MAX_LAG = 200_000;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final Database database;
    private final SearchIndex index;
    private final Object wakeUp = new Object();
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile boolean running;
    private Thread worker;

    public SearchIndexer(Database database) {
        this.database = database;
        this.index = SearchIndex.of(database.dialect());
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::indexWhileRunning, "search-indexer");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() throws InterruptedException {
        if (worker == null) {
            return;
        }
        running = false;
        worker.interrupt();
        worker.join(Duration.ofSeconds(10).toMillis());
    }

    @Override
    public void ingested(long accepted, long rejected, long lines) {
        lastWriteNanos = System.nanoTime();
        if (accepted > 0) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
        }
    }

    /** Turns stored but not yet searchable. */
    public long pending() {
        return database.jdbi().withHandle(index::pending);
    }

    /**
     * Indexes what is pending if that is at most {@link #CATCH_UP_LIMIT} turns, for a search about to
     * run; after a large import it leaves the rest to the background. Returns the turns still pending.
     */
    public long catchUp() {
        long pending = pending();
        if (pending == 0 || pending > CATCH_UP_LIMIT) {
            return pending;
        }
        indexBatch(CATCH_UP_LIMIT);
        return pending();
    }

    /** Doubles from {@link #RETRY_AFTER_FAILURE} with each failure in a row, up to a minute. */
    static Duration backOff(int failuresInARow) {
        long seconds = RETRY_AFTER_FAILURE.toSeconds() << Math.min(failuresInARow - 1, 4);
        return Duration.ofSeconds(Math.min(seconds, 60));
    }

    private void indexWhileRunning() {
        int failures = 0;
        while (running) {
            try {
                long pending = pending();
                if (pending == 0) {
                    await(Duration.ofSeconds(5));
                } else if (collectorsAreBusy(pending)) {
                    Thread.sleep(QUIET.toMillis() / 5);
                } else {
                    indexBatch(BATCH);
                }
            } catch (InterruptedException stop) {
                return;
            } catch (Throwable e) {
                // Anything, an OutOfMemoryError caused by some request included: a dead indexer would leave
                // search blind to every later turn until a restart.
                if (!running) {
                    return;
                }
                failures++;
                Duration backOff = backOff(failures);
                LOG.warn("Full-text indexing failed ({} in a row); trying again in {} s", failures, backOff.toSeconds(),
                        SafeText.forLog(e));
                try {
                    Thread.sleep(backOff.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            failures = 0;
        }
    }

    private boolean collectorsAreBusy(long pending) {
        boolean recentWrite = System.nanoTime() - lastWriteNanos < QUIET.toNanos();
        return database.writersWaiting() || (recentWrite && pending < MAX_LAG);
    }

    private void await(Duration timeout) throws InterruptedException {
        synchronized (wakeUp) {
            wakeUp.wait(timeout.toMillis());
        }
    }

    private void indexBatch(int limit) {
        database.inWriteTransaction(handle -> {
            index.indexBatch(handle, limit);
            return null;
        });
    }
}
