package lethe.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * lethe's database, SQLite or PostgreSQL by its URL: a pooled {@link Jdbi} for reads and a path for
 * writes that suits the backend.
 *
 * <p>SQLite has one writer at a time. Instead of letting concurrent collectors race for the file lock
 * and back off on SQLITE_BUSY, writes queue on a fair in-process lock, so they see no lock errors and
 * are served in arrival order. Readers never take the lock: WAL gives them a consistent snapshot.
 *
 * <p>PostgreSQL takes writers side by side, from this process and from other replicas alike, so
 * nothing here may assume it is the only writer: each write is an ordinary pooled transaction, and
 * what must not interleave (two requests growing the same session) is serialised by row locks
 * inside the transaction. A transaction the server aborts as a deadlock or serialisation failure
 * has changed nothing and is run again.
 */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** SQLSTATEs of a transaction PostgreSQL rolled back to resolve a conflict: serialization_failure, deadlock_detected. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final SqlDialect dialect;
    private final Optional<Path> file;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Write transactions of this process running on PostgreSQL, where they do not queue on writeLock. */
    private final AtomicInteger concurrentWrites = new AtomicInteger();
    /** The one connection writes go through; guarded by writeLock. */
    private Handle writer;
    /** Per owner, the turn to queue for writeLock; an entry lives while someone holds or waits for it. */
    private final Map<String, OwnerTurn> ownerTurns = new ConcurrentHashMap<>();

    private Database(Jdbi jdbi, SqlDialect dialect, Optional<Path> file) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.file = file;
    }

    /**
     * Opens the database for the running application: creates the SQLite file's directory, applies
     * pending migrations, defines the dialect's SQL fragments and logs what the server reports back.
     * Fails with {@code DB_OPEN}.
     */
    public static Database open(Environment environment, DataSourceFactory factory) {
        SqlDialect dialect = SqlDialect.of(factory.getUrl());
        DatabaseDefaults.applyMissingSettings(factory);
        Optional<Path> file = Optional.empty();
        if (dialect == SqlDialect.SQLITE) {
            SqliteFile.prepare(factory.getUrl());
            file = SqliteFile.of(factory.getUrl());
        }
        // The name is also the health check's: /readyz reports the database under it.
        ManagedDataSource dataSource = factory.build(environment.metrics(), dialect.name());
        Migrations.apply(dataSource, dialect);
        Jdbi jdbi = new JdbiFactory().build(environment, factory, dataSource, dialect.name());
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.setTemplateEngine(new CachedNamingTemplateEngine());
        dialect.fragments().forEach(jdbi::define);
        Database database = new Database(jdbi, dialect, file);
        database.logServer();
        return database;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * After a deletion or a redaction, SQLite's write-ahead log still holds the old pages: truncate it so that
     * {@code what} leaves the disk now. Best effort: a reader in the middle of a long query keeps the log from
     * being truncated, and the next checkpoint overwrites it then; the change itself is already committed.
     * Nothing to do on PostgreSQL.
     */
    public void truncateWriteAheadLog(String what) {
        if (file().isEmpty()) {
            return;
        }
        try {
            boolean busy = jdbi.withHandle(handle -> handle.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                    .map((rs, ctx) -> rs.getInt(1) != 0).one());
            if (busy) {
                LOG.info("The write-ahead log is in use; the next checkpoint clears {} from it", what);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not truncate the write-ahead log; the next checkpoint clears {} from it: {}", what, e.getMessage());
        }
    }

    public Optional<Path> file() {
        return file;
    }

    /**
     * Runs {@code callback} in one write transaction. On SQLite: IMMEDIATE, after every earlier writer
     * of this process has finished. On PostgreSQL: at once, beside any other writer; run again (whole,
     * so the callback must keep its state inside) when the server aborted it to resolve a deadlock.
     *
     * <p>SQLite writes keep to one connection. A pooled connection that another connection wrote through
     * since its last use must drop its page cache and read the pages it needs again; with writes rotating
     * over the pool that cost a quarter of ingest time. A write that fails gives its connection up, in
     * case the failure left it unusable.
     */
    public <R, X extends Exception> R inWriteTransaction(HandleCallback<R, X> callback) throws X {
        if (!dialect.singleWriter()) {
            return inConcurrentTransaction(callback);
        }
        writeLock.lock();
        return inLockedWriteTransaction(callback);
    }

    /**
     * {@link #inWriteTransaction(HandleCallback)} if the write lock comes within {@code patience} (in its
     * turn, behind the writers already waiting); else nothing is run and the answer is empty. For work a
     * reader would rather skip than wait long for, while collectors keep the lock busy.
     */
    public <R, X extends Exception> Optional<R> inWriteTransactionWithin(Duration patience, HandleCallback<R, X> callback)
            throws X {
        if (!dialect.singleWriter()) {
            return Optional.ofNullable(inConcurrentTransaction(callback));
        }
        try {
            if (!writeLock.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.ofNullable(inLockedWriteTransaction(callback));
    }

    /** The rest of a SQLite write transaction once this thread holds writeLock, which it releases. */
    private <R, X extends Exception> R inLockedWriteTransaction(HandleCallback<R, X> callback) throws X {
        try {
            if (writer == null) {
                writer = jdbi.open();
            }
            return writer.inTransaction(callback);
        } catch (RuntimeException | Error e) {
            closeWriter();
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@link #inWriteTransaction(HandleCallback)} for a write made for {@code owner}. On SQLite an owner's
     * writes queue for the write lock one at a time: one user sending many large requests at once waits
     * behind their own, and another user's write waits for at most one of theirs (the lock is fair, so
     * without this it waited for all of them: issue 14, finding 3b). PostgreSQL writes do not queue.
     */
    public <R, X extends Exception> R inWriteTransaction(String owner, HandleCallback<R, X> callback) throws X {
        if (!dialect.singleWriter()) {
            return inConcurrentTransaction(callback);
        }
        OwnerTurn turn = ownerTurns.compute(owner, (key, existing) -> (existing == null ? new OwnerTurn() : existing).join());
        try {
            turn.semaphore.acquireUninterruptibly();
            try {
                return inWriteTransaction(callback);
            } finally {
                turn.semaphore.release();
            }
        } finally {
            ownerTurns.computeIfPresent(owner, (key, existing) -> existing.leave() ? null : existing);
        }
    }

    /** One owner's place in the queue for the write lock; counted under the map's lock for its key. */
    private static final class OwnerTurn {
        private final Semaphore semaphore = new Semaphore(1, true);
        private int holders;

        OwnerTurn join() {
            holders++;
            return this;
        }

        /** Whether no one holds or waits for this turn any more. */
        boolean leave() {
            return --holders == 0;
        }
    }

    private <R, X extends Exception> R inConcurrentTransaction(HandleCallback<R, X> callback) throws X {
        concurrentWrites.incrementAndGet();
        try {
            return inConcurrentTransactionWithRetries(callback);
        } finally {
            concurrentWrites.decrementAndGet();
        }
    }

    private <R, X extends Exception> R inConcurrentTransactionWithRetries(HandleCallback<R, X> callback) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(callback);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !DatabaseFailures.hasSqlState(e, RETRYABLE)) {
                    throw e;
                }
                LOG.info("write transaction rolled back by the database ({}); running it again", e.getMessage());
            }
        }
    }

    /** Gives the writers' connection back to the pool, at shutdown; a later write takes one again. */
    public void releaseWriter() {
        writeLock.lock();
        try {
            closeWriter();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeWriter() {
        if (writer != null) {
            Handle closing = writer;
            writer = null;
            try {
                closing.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the writers' connection failed", e);
            }
        }
    }

    /**
     * Whether writers of this process are waiting or writing right now, so that background work can step
     * aside: on SQLite, a writer queued for the write lock; on PostgreSQL, where nothing queues, any write
     * transaction running (the caller is not in one). Other replicas' writers are not seen.
     */
    public boolean writersWaiting() {
        return dialect.singleWriter() ? writeLock.hasQueuedThreads() : concurrentWrites.get() > 0;
    }

    /** The pragmas in force on a pooled SQLite connection, as SQLite itself reports them. */
    public Map<String, Object> pragmas() {
        return jdbi.withHandle(Database::readPragmas);
    }

    private static Map<String, Object> readPragmas(Handle handle) {
        return Map.of(
                "journal_mode", handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                "synchronous", handle.createQuery("PRAGMA synchronous").mapTo(Integer.class).one(),
                "foreign_keys", handle.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one(),
                "busy_timeout", handle.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one(),
                "secure_delete", handle.createQuery("PRAGMA secure_delete").mapTo(Integer.class).one(),
                "mmap_size", handle.createQuery("PRAGMA mmap_size").mapTo(Long.class).one());
    }

    private void logServer() {
        if (dialect == SqlDialect.POSTGRESQL) {
            jdbi.useHandle(handle -> {
                String synchronousCommit = handle.createQuery("SHOW synchronous_commit").mapTo(String.class).one();
                LOG.info("PostgreSQL {}, database {}: synchronous_commit={}",
                        handle.createQuery("SHOW server_version").mapTo(String.class).one(),
                        handle.createQuery("SELECT current_database()").mapTo(String.class).one(), synchronousCommit);
                if ("off".equals(synchronousCommit)) {
                    LOG.warn("synchronous_commit is off: an ingest answered 200 can be lost if PostgreSQL crashes");
                }
            });
            return;
        }
        Map<String, Object> pragmas = pragmas();
        LOG.info("SQLite {} at {}: journal_mode={} synchronous={} foreign_keys={} busy_timeout={}ms mmap_size={} transaction_mode=IMMEDIATE",
                jdbi.withHandle(h -> h.createQuery("SELECT sqlite_version()").mapTo(String.class).one()),
                file.map(Path::toString).orElse(":memory:"),
                pragmas.get("journal_mode"), pragmas.get("synchronous"),
                pragmas.get("foreign_keys"), pragmas.get("busy_timeout"), pragmas.get("mmap_size"));
        if (!"wal".equalsIgnoreCase(String.valueOf(pragmas.get("journal_mode"))) && file.isPresent()) {
            LOG.warn("journal_mode is {}, not WAL: readers will block while collectors write", pragmas.get("journal_mode"));
        }
    }
}
