package lethe.search;

import lethe.db.BackgroundWork;
import lethe.db.Database;
import lethe.ingest.IngestListener;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes stored turns searchable, after the ingest transaction rather than inside it. A collector's
 * stream of requests runs at full speed, and the index catches up in large batches when writes pause;
 * a search first indexes whatever is pending (up to {@link #CATCH_UP_LIMIT} turns), so a search right
 * after an ingest finds what was just sent. While someone searches and collectors keep sending, the word
 * index also keeps up between the collectors' transactions, in small batches: a sustained stream never
 * pauses, and without that every search indexed, inside its request, all that arrived since the one before.
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
     * The same for a search that needs the substring index, which costs about a millisecond a turn: a search
     * spends half a second on it at most, and leaves a larger backlog to the background ({@code index_pending}).
     */
    static final int SUBSTRINGS_CATCH_UP_LIMIT = 500;
    /**
     * Turns per word-only batch taken between collectors' transactions while someone searches: a search
     * waiting for the write lock behind one waits some 20 ms.
     */
    static final int WORDS_BESIDE_COLLECTORS = 500;
    /**
     * How long a search waits for the write lock to index what it needs itself. Past that, collectors keep the
     * lock busy, and the search answers from the index as it is (a fraction of a second behind, with
     * {@code index_pending} saying so) rather than queue behind them.
     */
    static final Duration CATCH_UP_PATIENCE = Duration.ofMillis(100);
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
    /**
     * A search within this long means someone is reading: the word index then keeps up beside collectors.
     * Otherwise a bulk import leaves all indexing to its end, and runs faster for it.
     */
    private static final Duration SEARCHED_RECENTLY = Duration.ofMinutes(1);

    private final Database database;
    private final SearchIndex index;
    private final Object wakeUp = new Object();
    /** When an ingest request last started or finished. */
    private volatile long lastRequestNanos = System.nanoTime();
    /** The worker's last count of pending turns, and when it was taken. */
    private long pendingCounted;
    private long pendingCountedNanos = System.nanoTime();
    /** When a search last asked for the index; nobody has yet. */
    private volatile long lastSearchNanos = System.nanoTime() - SEARCHED_RECENTLY.toNanos();
    /** Held by the one search catching up; the others wait, and usually find their turns indexed then. */
    private final ReentrantLock catchingUp = new ReentrantLock();

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
     * Makes every turn stored before this call searchable, for a search about to run, if that means at most
     * {@link #CATCH_UP_LIMIT} turns to index ({@link #SUBSTRINGS_CATCH_UP_LIMIT} when the search needs the
     * substring index too; a search by words leaves that slower index to the background). One search
     * indexes at a time: those arriving meanwhile wait for it, and its batch, which takes everything stored
     * when it began, usually covers them, so a stream of searches during a stream of ingest never indexes
     * the same arrivals once per search. It waits {@link #CATCH_UP_PATIENCE} at most, for the searches before it
     * and the write lock together. After a large import it leaves the rest to the background.
     * Returns the turns still pending for that search.
     */
    public long catchUp(boolean substrings) {
        lastSearchNanos = System.nanoTime();
        int limit = substrings ? SUBSTRINGS_CATCH_UP_LIMIT : CATCH_UP_LIMIT;
        Backlog backlog = database.jdbi().withHandle(handle ->
                new Backlog(index.pending(handle, substrings), SearchIndex.newestTurn(handle)));
        if (backlog.pending() == 0 || backlog.pending() > limit) {
            return backlog.pending();
        }
        long stored = backlog.newestTurn();
        long deadline = System.nanoTime() + CATCH_UP_PATIENCE.toNanos();
        try {
            if (catchingUp.tryLock(CATCH_UP_PATIENCE.toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    indexUpTo(stored, limit, substrings, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } finally {
                    catchingUp.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return pending(substrings);
    }

    /** Turns waiting for an index, and the newest turn stored, read together. */
    private record Backlog(long pending, long newestTurn) {
    }

    /** Indexes up to {@code limit} pending turns unless the turns up to {@code stored} already are. */
    private void indexUpTo(long stored, int limit, boolean substrings, Duration patience) {
        if (database.jdbi().withHandle(handle -> index.indexedUpTo(handle, stored, substrings))) {
            return;
        }
        database.inWriteTransactionWithin(patience, handle -> {
            index.indexBatch(handle, limit, substrings);
            return true;
        });
    }

    /** Never finished: new turns keep arriving. */
    @Override
    protected boolean step() throws InterruptedException {
        if (collectorsAreBusy()) {
            if (wordsWanted()) {
                indexBatch(WORDS_BESIDE_COLLECTORS, false);
            } else {
                Thread.sleep(QUIET.toMillis() / 5);
            }
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

    /**
     * Whether to index words now, between collectors' transactions: someone searched lately, no writer is
     * waiting for the lock, and turns are waiting for the word index.
     */
    private boolean wordsWanted() {
        return System.nanoTime() - lastSearchNanos < SEARCHED_RECENTLY.toNanos()
                && !database.writersWaiting()
                && !database.jdbi().withHandle(handle -> index.indexedUpTo(handle, SearchIndex.newestTurn(handle), false));
    }

    private void indexBatch(int limit, boolean substrings) {
        database.inWriteTransaction(handle -> {
            index.indexBatch(handle, limit, substrings);
            return null;
        });
    }
}
