package lethe.redact;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/**
 * What {@code lethe redact} reads and rewrites, a batch at a time in id order: every place a stored turn
 * keeps text (its content, which is a tool result's output; its tool call's input; its attachments' names)
 * and every session's meta.
 */
public interface RescanDao {

    /** A stored turn's text: {@code toolInput} is the tool call's input as JSON text, or null. */
    record TurnText(long id, long sessionPk, String content, String toolInput) {
    }

    record SessionMeta(long id, String meta) {
    }

    /** An attachment's name; attachments go with their turn, so a batch of turns covers theirs. */
    record AttachmentName(long id, long turnPk, String name) {
    }

    @SqlQuery("""
            SELECT id, session_pk, content, tool_call_input AS tool_input
              FROM turns WHERE id > :after ORDER BY id LIMIT :limit
            """)
    @RegisterConstructorMapper(TurnText.class)
    List<TurnText> turns(@Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT id, turn_pk, name FROM attachments
             WHERE turn_pk > :after AND turn_pk <= :upTo AND name IS NOT NULL
             ORDER BY id
            """)
    @RegisterConstructorMapper(AttachmentName.class)
    List<AttachmentName> attachmentNames(@Bind("after") long afterTurn, @Bind("upTo") long upToTurn);

    @SqlQuery("SELECT id, meta FROM sessions WHERE id > :after ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(SessionMeta.class)
    List<SessionMeta> sessions(@Bind("after") long after, @Bind("limit") int limit);

    /**
     * Only if the turn still holds what was scanned: a collector re-sending it meanwhile wins (its copy
     * was redacted at ingest). The full-text indexes follow through their update triggers.
     */
    @SqlBatch("""
            UPDATE turns SET content = :content, tool_call_input = :toolInput
             WHERE id = :id AND content = :originalContent AND tool_call_input IS NOT DISTINCT FROM :originalToolInput
            """)
    int[] replaceTurnText(@BindMethods List<TurnChange> changes);

    @SqlBatch("UPDATE attachments SET name = :replacement WHERE id = :id AND name = :original")
    int[] replaceAttachmentName(@BindMethods List<Change> changes);

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

    record TurnChange(long id, long sessionPk, String originalContent, String originalToolInput, String content,
                      String toolInput) {
    }

    /** One text column of one row, from what was scanned to what replaces it. */
    record Change(long id, String original, String replacement) {
    }
}
