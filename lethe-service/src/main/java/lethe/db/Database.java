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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one SQLite database: a pooled {@link Jdbi} for reads and a single serialised path for writes.
 *
 * <p>SQLite has one writer at a time. Instead of letting concurrent collectors race for the file lock
 * and back off on SQLITE_BUSY, writes queue on a fair in-process lock, so they see no lock errors and
 * are served in arrival order. Readers never take the lock: WAL gives them a consistent snapshot.
 */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Jdbi jdbi;
    private final Optional<Path> file;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** The one connection writes go through; guarded by writeLock. */
    private Handle writer;

    private Database(Jdbi jdbi, Optional<Path> file) {
        this.jdbi = jdbi;
        this.file = file;
    }

    /**
     * Opens the database for the running application: creates its directory, applies pending
     * migrations and logs the pragmas as SQLite reports them back. Fails with {@code DB_OPEN}.
     */
    public static Database open(Environment environment, DataSourceFactory factory) {
        DatabaseDefaults.applyMissingPragmas(factory);
        SqliteFile.prepare(factory.getUrl());
        ManagedDataSource dataSource = factory.build(environment.metrics(), "sqlite");
        Migrations.apply(dataSource);
        Jdbi jdbi = new JdbiFactory().build(environment, factory, dataSource, "sqlite");
        jdbi.installPlugin(new SqlObjectPlugin());
        Database database = new Database(jdbi, SqliteFile.of(factory.getUrl()));
        database.logPragmas();
        return database;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Optional<Path> file() {
        return file;
    }

    /**
     * Runs {@code callback} in one IMMEDIATE transaction, after every earlier writer has finished.
     *
     * <p>Writes keep to one connection. A pooled connection that another connection wrote through since
     * its last use must drop its page cache and read the pages it needs again; with writes rotating
     * over the pool that cost a quarter of ingest time. A write that fails gives its connection up, in
     * case the failure left it unusable.
     */
    public <R, X extends Exception> R inWriteTransaction(HandleCallback<R, X> callback) throws X {
        writeLock.lock();
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

    /** Whether a writer is queued for the write lock right now, so that background work can step aside. */
    public boolean writersWaiting() {
        return writeLock.hasQueuedThreads();
    }

    /** The pragmas in force on a pooled connection, as SQLite itself reports them. */
    public Map<String, Object> pragmas() {
        return jdbi.withHandle(Database::readPragmas);
    }

    private static Map<String, Object> readPragmas(Handle handle) {
        return Map.of(
                "journal_mode", handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                "synchronous", handle.createQuery("PRAGMA synchronous").mapTo(Integer.class).one(),
                "foreign_keys", handle.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one(),
                "busy_timeout", handle.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one(),
                "secure_delete", handle.createQuery("PRAGMA secure_delete").mapTo(Integer.class).one());
    }

    private void logPragmas() {
        Map<String, Object> pragmas = pragmas();
        LOG.info("SQLite {} at {}: journal_mode={} synchronous={} foreign_keys={} busy_timeout={}ms transaction_mode=IMMEDIATE",
                jdbi.withHandle(h -> h.createQuery("SELECT sqlite_version()").mapTo(String.class).one()),
                file.map(Path::toString).orElse(":memory:"),
                pragmas.get("journal_mode"), pragmas.get("synchronous"),
                pragmas.get("foreign_keys"), pragmas.get("busy_timeout"));
        if (!"wal".equalsIgnoreCase(String.valueOf(pragmas.get("journal_mode"))) && file.isPresent()) {
            LOG.warn("journal_mode is {}, not WAL: readers will block while collectors write", pragmas.get("journal_mode"));
        }
    }
}
