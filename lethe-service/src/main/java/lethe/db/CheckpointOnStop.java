package lethe.db;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At shutdown, after the server has drained its requests and before the pool closes, folds the
 * write-ahead log back into the database file and truncates it. The file left behind is then
 * complete on its own: a copy of just {@code lethe.db} (by an operator who forgets the -wal file) is
 * a whole database, and the next start has no log to replay.
 */
public class CheckpointOnStop implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointOnStop.class);

    private final Database database;

    public CheckpointOnStop(Database database) {
        this.database = database;
    }

    @Override
    public void stop() {
        database.releaseWriter();
        if (database.file().isEmpty()) {
            return;
        }
        // A writer still running past the grace period makes SQLite wait (busy_timeout), then report busy.
        boolean busy;
        try {
            busy = database.jdbi().withHandle(handle ->
                    handle.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                            .map((rs, ctx) -> rs.getInt(1) != 0)
                            .one());
        } catch (RuntimeException e) {
            // Committed data is safe in the WAL either way; the next start checkpoints it.
            LOG.warn("WAL checkpoint at shutdown failed ({}); the WAL is kept and replayed at the next start", e.getMessage());
            return;
        }
        if (busy) {
            LOG.warn("WAL checkpoint at shutdown could not finish: another connection was still reading or writing");
        } else {
            LOG.info("WAL checkpointed and truncated at shutdown");
        }
    }
}
