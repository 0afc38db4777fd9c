package lethe.files;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/**
 * The files index, {@code turn_files}: one row per turn and path it read or changed. Written in the
 * transaction that stores the turn; a turn's rows are always replaced whole.
 */
public interface FilesDao {

    /** A re-sent turn's files go before its new ones are written (a re-sent turn may touch none now). */
    @SqlBatch("""
            DELETE FROM turn_files
             WHERE turn_pk = (SELECT id FROM turns WHERE session_pk = :sessionPk AND turn_id = :turnId)
            """)
    void deleteFor(@BindMethods List<TurnKey> turns);

    @SqlBatch("""
            INSERT INTO turn_files (turn_pk, session_pk, path, path_reversed, changed)
            SELECT id, session_pk, :path, :pathReversed, :changed
              FROM turns WHERE session_pk = :sessionPk AND turn_id = :turnId
            """)
    void insert(@BindMethods List<TurnFile> files);

    /** Every file of a session with the turns that touched it, in transcript order. */
    @SqlQuery("""
            SELECT f.path, f.changed, t.turn_id
              FROM turn_files f JOIN turns t ON t.id = f.turn_pk
             WHERE f.session_pk = :sessionPk
             ORDER BY t.seq, t.timestamp, t.turn_id
            """)
    @RegisterConstructorMapper(FileTurnRow.class)
    List<FileTurnRow> sessionFiles(@Bind("sessionPk") long sessionPk);

    /**
     * The back-fill's progress: turns up to {@code done} are indexed, up to {@code up_to} are to be. On
     * PostgreSQL the read locks the row until the transaction ends, so replicas back-filling at once take
     * turns instead of indexing the same batch.
     */
    @SqlQuery("SELECT done FROM files_backfill WHERE id = 1 <forUpdate>")
    long backfillDone();

    @SqlQuery("SELECT up_to FROM files_backfill WHERE id = 1")
    long backfillUpTo();

    /** The next stored turns with a tool call after {@code after}, up to {@code upTo}, in id order. */
    @SqlQuery("""
            SELECT id, session_pk, turn_id, tool_call_name, tool_call_input
              FROM turns
             WHERE id > :after AND id <= :upTo AND tool_call_input IS NOT NULL
             ORDER BY id
             LIMIT :limit
            """)
    @RegisterConstructorMapper(StoredCall.class)
    List<StoredCall> callsAfter(@Bind("after") long after, @Bind("upTo") long upTo, @Bind("limit") int limit);

    @SqlUpdate("UPDATE files_backfill SET done = :done WHERE id = 1")
    void markDone(@Bind("done") long done);
}
