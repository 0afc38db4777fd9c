package lethe.session.delete;

import lethe.api.DeletedSession;
import lethe.db.Database;

import java.util.List;

/**
 * Deletes a session for good: its turns, their full-text index entries and the session row (with its
 * usage totals) go in one transaction, and the key is remembered. Then the write-ahead log is checkpointed
 * and truncated, so the old pages holding the text do not linger in the -wal file either; with
 * {@code secure_delete} on and FTS5's secure-delete mode, the database file keeps none of it.
 */
public final class SessionDeletion {

    private final Database database;

    public SessionDeletion(Database database) {
        this.database = database;
    }

    /** False when the owner has no such session (never had, or already deleted). */
    public boolean delete(String owner, String tool, String host, String sessionId) {
        boolean deleted = database.inWriteTransaction(handle -> {
            DeletionDao dao = handle.attach(DeletionDao.class);
            return dao.find(owner, tool, host, sessionId).map(pk -> {
                dao.deleteFiles(pk);
                dao.deleteTurns(pk);
                if (database.dialect().searchIndexTables()) {
                    dao.keepIndexMarkBelowNewIds();
                }
                dao.deleteSession(pk);
                dao.remember(owner, tool, host, sessionId, System.currentTimeMillis() / 1000.0);
                return true;
            }).orElse(false);
        });
        if (deleted) {
            database.truncateWriteAheadLog("the deleted session's pages");
        }
        return deleted;
    }

    public List<DeletedSession> deleted(String owner) {
        return database.jdbi().withExtension(DeletionDao.class, dao -> dao.deleted(owner));
    }
}
