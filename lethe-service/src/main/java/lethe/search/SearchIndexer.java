package lethe.search;

import lethe.db.BackgroundWork;
import lethe.db.Database;
import lethe.ingest.IngestListener;

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
public final class SearchIndexer extends BackgroundWork implements IngestListener {

    /** Turns per indexing transaction once writes have paused: few FTS5 segments. */
    static final int BATCH = 2_000;
    /**
     * Turns per indexing transaction while collectors are sending, so that one arriving meanwhile waits
     * little: the substring (trigram) index costs about a millisecond a turn on a small machine, and a
     * 2 000-turn batch held the write lock for two to five seconds of a collector's stream.
     */
    static final int BATCH_BESIDE_COLLECTORS = 200;
    /**
     * Enough for any one request's worth of turns. Indexed in well under a second by the word index alone;
     * the trigram index makes it seconds on a small machine (docs/benchmarks.md, "Turn model v2").
     */
    static final int CATCH_UP_LIMIT = 20_000;
    /**
     * Indexing waits for ingest requests to pause this long... On a loaded machine one collector's next
     * request often starts more than 250 ms after the last one ended; a search indexes what it needs itself.
     */
    private static final Duration QUIET = Duration.ofSeconds(1);
    /** ...unless this many turns are waiting: then it takes turns with the collectors. */
    private static final long MAX_LAG = 200_000;
    private static final Duration RECOUNT_WHILE_BUSY = Duration.ofSeconds(1);
    /** Collectors that sent within this long count as still sending: indexing keeps to small batches. */
    private static final Duration RECENTLY = Duration.ofSeconds(5);

    private final Database database;
    private final SearchIndex index;
    private final Object wakeUp = new Object();
    /** When an ingest request last started or finished. */
    private volatile long lastRequestNanos = System.nanoTime();
    /** The worker's last count of pending turns, and when it was taken. */
    private long pendingCounted;
    private long pendingCountedNanos = System.nanoTime();

    public SearchIndexer(Database database) {
        super("search-indexer", "Full-text indexing");
        this.database = database;
        this.index = SearchIndex.of(database.dialect());
    }

    /** A request being read and parsed is a collector at work even before it queues for the write lock. */
    @Override
    public void receiving() {
        lastRequestNanos = System.nanoTime();
    }

    @Override
    public void ingested(long accepted, long rejected, long lines) {
        lastRequestNanos = System.nanoTime();
        if (accepted > 0) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
        }
    }

    /** Turns stored but not yet searchable by words and substrings. */
    public long pending() {
        return pending(true);
    }

    private long pending(boolean substrings) {
        return database.jdbi().withHandle(handle -> index.pending(handle, substrings));
    }

    /**
     * Indexes what is pending if that is at most {@link #CATCH_UP_LIMIT} turns, for a search about to
     * run: by words, and by substrings when the search needs them (while a collector streams, every search
     * would otherwise also pay for the slower substring index of what arrived since the one before). After
     * a large import it leaves the rest to the background. Returns the turns still pending for that search.
     */
    public long catchUp(boolean substrings) {
        long pending = pending(substrings);
        if (pending == 0 || pending > CATCH_UP_LIMIT) {
            return pending;
        }
        indexBatch(CATCH_UP_LIMIT, substrings);
        return pending(substrings);
    }

    /** Never finished: new turns keep arriving. */
    @Override
    protected boolean step() throws InterruptedException {
        if (collectorsAreBusy()) {
            Thread.sleep(QUIET.toMillis() / 5);
            return true;
        }
        long pending = pending();
        pendingCounted = pending;
        pendingCountedNanos = System.nanoTime();
        if (pending == 0) {
            synchronized (wakeUp) {
                wakeUp.wait(Duration.ofSeconds(5).toMillis());
            }
        } else {
            indexBatch(System.nanoTime() - lastRequestNanos < RECENTLY.toNanos() ? BATCH_BESIDE_COLLECTORS : BATCH, true);
        }
        return true;
    }

    /**
     * While collectors write, the pending turns are counted again once a second, not at every look: on
     * PostgreSQL the count reads the pending rows' index entries, which adds up during a large import.
     */
    private boolean collectorsAreBusy() {
        if (database.writersWaiting()) {
            return true;
        }
        if (System.nanoTime() - lastRequestNanos >= QUIET.toNanos()) {
            return false;
        }
        if (System.nanoTime() - pendingCountedNanos >= RECOUNT_WHILE_BUSY.toNanos()) {
            pendingCounted = pending();
            pendingCountedNanos = System.nanoTime();
        }
        return pendingCounted < MAX_LAG;
    }

    private void indexBatch(int limit, boolean substrings) {
        database.inWriteTransaction(handle -> {
            index.indexBatch(handle, limit, substrings);
            return null;
        });
    }
}
