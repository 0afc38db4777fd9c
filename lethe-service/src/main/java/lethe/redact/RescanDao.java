package lethe.redact;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/** What {@code lethe redact} reads and rewrites, a batch at a time in id order. */
public interface RescanDao {

    record Row(long id, long sessionPk, String text) {
    }

    @SqlQuery("SELECT id, session_pk, content AS text FROM turns WHERE id > :after ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(Row.class)
    List<Row> turns(@Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("SELECT id, id AS session_pk, meta AS text FROM sessions WHERE id > :after ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(Row.class)
    List<Row> sessions(@Bind("after") long after, @Bind("limit") int limit);

    /**
     * Only if the turn still holds what was scanned: a collector re-sending it meanwhile wins (its copy
     * was redacted at ingest). The full-text index follows through its update trigger.
     */
    @SqlBatch("UPDATE turns SET content = :replacement WHERE id = :id AND content = :original")
    int[] replaceTurnContent(@BindMethods List<Change> changes);

    /** {@code <originalMeta>} and {@code <replacementMeta>} are the texts as the column's type (jsonb on PostgreSQL). */
    @SqlBatch("UPDATE sessions SET meta = <replacementMeta> WHERE id = :id AND meta = <originalMeta>")
    int[] replaceSessionMeta(@BindMethods List<Change> changes);

    /** A title falls back to the first user turn's text, which a redaction may have changed. */
    @SqlBatch("""
            UPDATE sessions
               SET first_user_text =
                   (SELECT substr(content, 1, 400) FROM turns
                     WHERE session_pk = :id AND role = 'user'
                     ORDER BY seq, timestamp, turn_id LIMIT 1)
             WHERE id = :id
            """)
    void refreshFirstUserText(@Bind("id") List<Long> sessionPks);

    /** Where an interrupted rescan resumes: the last turn and session id done (changeSet 52-redaction-progress). */
    @SqlQuery("SELECT turns_done FROM redaction_progress")
    long turnsDone();

    @SqlQuery("SELECT sessions_done FROM redaction_progress")
    long sessionsDone();

    @SqlUpdate("UPDATE redaction_progress SET turns_done = :turns, sessions_done = :sessions")
    void markDone(@Bind("turns") long turns, @Bind("sessions") long sessions);

    record Change(long id, long sessionPk, String original, String replacement) {
    }
}
