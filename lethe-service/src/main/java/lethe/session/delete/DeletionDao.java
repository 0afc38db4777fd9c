package lethe.session.delete;

import lethe.api.DeletedSession;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** The statements of deleting a session; the deletes run inside one write transaction. */
public interface DeletionDao {

    @SqlQuery("SELECT id FROM sessions WHERE owner = :owner AND tool = :tool AND host = :host AND session_id = :sessionId")
    Optional<Long> find(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                        @Bind("sessionId") String sessionId);

    /**
     * Explicit rather than left to ON DELETE CASCADE, so the full-text index's delete trigger runs for
     * every turn whatever the foreign-key setting of the connection.
     */
    @SqlUpdate("DELETE FROM turns WHERE session_pk = :id")
    int deleteTurns(@Bind("id") long sessionPk);

    /**
     * SQLite gives a new row the highest id plus one, so once the newest turns are deleted their ids come
     * back; the full-text index takes every id up to indexed_up_to as indexed (changeSet
     * 30-turns-fts-deferred), and the substring index up to trigram_up_to (60-turns-trigram), so both marks
     * must come down to the highest id left, or the next turns stored would never become searchable. Only
     * where the index is deferred (SQLite): PostgreSQL's has no mark.
     */
    @SqlUpdate("""
            UPDATE fts_progress
               SET indexed_up_to = min(indexed_up_to, (SELECT coalesce(max(id), 0) FROM turns)),
                   trigram_up_to = min(trigram_up_to, (SELECT coalesce(max(id), 0) FROM turns))
            """)
    void keepIndexMarkBelowNewIds();

    @SqlUpdate("DELETE FROM sessions WHERE id = :id")
    int deleteSession(@Bind("id") long sessionPk);

    /** The key only: a deleted session's content is gone, its key is what an importer needs to skip it. */
    @SqlUpdate("""
            INSERT INTO deleted_sessions (owner, tool, host, session_id, deleted_at)
            VALUES (:owner, :tool, :host, :sessionId, :now)
            ON CONFLICT (owner, tool, host, session_id) DO UPDATE SET deleted_at = excluded.deleted_at
            """)
    void remember(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                  @Bind("sessionId") String sessionId, @Bind("now") double now);

    /** An owner's deleted sessions, leaving out those sent again since (a re-import brings a session back). */
    @SqlQuery("""
            SELECT d.tool, d.host, d.session_id, d.deleted_at
              FROM deleted_sessions d
             WHERE d.owner = :owner
               AND NOT EXISTS (SELECT 1 FROM sessions s
                                WHERE s.owner = d.owner AND s.tool = d.tool AND s.host = d.host
                                  AND s.session_id = d.session_id)
             ORDER BY d.deleted_at DESC, d.tool, d.host, d.session_id
            """)
    @RegisterConstructorMapper(DeletedSession.class)
    List<DeletedSession> deleted(@Bind("owner") String owner);
}
