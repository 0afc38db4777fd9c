package lethe.ingest;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

/** The writes of one ingest request; always called inside the request's single transaction. */
public interface IngestDao {

    /**
     * A session's stored meta, when the session exists; read inside the write transaction that replaces it.
     * On PostgreSQL the read locks the session row until the transaction ends ({@code <forUpdate>}), so two
     * requests growing the same session (from two replicas, say) run one after the other: neither loses
     * the other's meta keys, and the running totals below stay exact. Requests lock their sessions in
     * key order, so they never wait on each other in a cycle.
     */
    @SqlQuery("""
            SELECT meta FROM sessions
             WHERE owner = :owner AND tool = :tool AND host = :host AND session_id = :sessionId
            <forUpdate>
            """)
    Optional<String> storedMeta(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                                @Bind("sessionId") String sessionId);

    /**
     * Creates the session on first sight; returns its key. {@code meta} is the whole new meta, already
     * merged in Java from {@link #storedMeta} (SQLite's json_patch is quadratic in the key count).
     */
    @SqlQuery("""
            INSERT INTO sessions (owner, tool, host, session_id, meta, created_at, updated_at)
            VALUES (:owner, :tool, :host, :sessionId, <metaParameter>, :now, :now)
            ON CONFLICT (owner, tool, host, session_id) DO UPDATE
               SET meta = excluded.meta,
                   updated_at = excluded.updated_at
            RETURNING id
            """)
    long upsertSession(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                       @Bind("sessionId") String sessionId, @Bind("meta") String meta, @Bind("now") double now);

    /** The merged meta of a session, read back after an upsert changed keys its links derive from. */
    @SqlQuery("SELECT meta FROM sessions WHERE id = :id")
    String meta(@Bind("id") long sessionPk);

    /** project and parent are kept in columns of their own so that lists filter on them through an index. */
    @SqlBatch("""
            UPDATE sessions
               SET project = :project, parent_session_id = :parentSessionId, parent_turn_id = :parentTurnId
             WHERE id = :id
            """)
    void updateLinks(@BindMethods List<SessionLinks> links);

    /** Stores turns not seen before; a count of 0 for a turn means its key is already taken. */
    @SqlBatch("""
            INSERT INTO turns (session_pk, turn_id, seq, role, timestamp, content, model,
                               input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, kind, tool_name,
                               tool_call_id, tool_call_name, tool_call_input, tool_result_call_id, tool_result_is_error)
            VALUES (:sessionPk, :turnId, :seq, :role, :timestamp, :content, :model,
                    :inputTokens, :outputTokens, :cacheReadTokens, :cacheWriteTokens, :kind, :toolName,
                    :toolCallId, :toolCallName, :toolCallInput, :toolResultCallId, :toolResultIsError)
            ON CONFLICT (session_pk, turn_id) DO NOTHING
            """)
    int[] insertNewTurns(@BindMethods List<NewTurn> turns);

    /**
     * Adds the usage of turns just inserted to the rollup, one statement per bucket rather than a trigger
     * run per turn. Only where {@link lethe.db.SqlDialect#usageOfNewTurnsByTrigger()} is false; called
     * before any turn of the batch is replaced, whose update triggers take the stored usage away again.
     */
    @SqlBatch("""
            INSERT INTO usage_quarter_hours AS u (session_pk, owner, quarter, model, turns,
                        input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                        input_over, output_over, cache_read_over, cache_write_over)
            VALUES (:sessionPk, :owner, :quarter, :model, :turns,
                    :inputTokens, :outputTokens, :cacheReadTokens, :cacheWriteTokens,
                    :inputOver, :outputOver, :cacheReadOver, :cacheWriteOver)
            ON CONFLICT (session_pk, quarter, model) DO UPDATE
               SET turns = u.turns + excluded.turns,
                   input_tokens = u.input_tokens + excluded.input_tokens,
                   output_tokens = u.output_tokens + excluded.output_tokens,
                   cache_read_tokens = u.cache_read_tokens + excluded.cache_read_tokens,
                   cache_write_tokens = u.cache_write_tokens + excluded.cache_write_tokens,
                   input_over = u.input_over + excluded.input_over,
                   output_over = u.output_over + excluded.output_over,
                   cache_read_over = u.cache_read_over + excluded.cache_read_over,
                   cache_write_over = u.cache_write_over + excluded.cache_write_over
            """)
    void addUsage(@BindMethods List<NewUsage> usage);

    /**
     * A re-sent turn replaces the stored one: same key, newest content. A count of 0 means the stored
     * turn was already identical, which is the common case of a collector sending a file again.
     */
    @SqlBatch("""
            UPDATE turns
               SET seq = :seq, role = :role, timestamp = :timestamp, content = :content, model = :model,
                   input_tokens = :inputTokens, output_tokens = :outputTokens,
                   cache_read_tokens = :cacheReadTokens, cache_write_tokens = :cacheWriteTokens,
                   kind = :kind, tool_name = :toolName,
                   tool_call_id = :toolCallId, tool_call_name = :toolCallName, tool_call_input = :toolCallInput,
                   tool_result_call_id = :toolResultCallId, tool_result_is_error = :toolResultIsError
             WHERE session_pk = :sessionPk AND turn_id = :turnId
               AND (seq IS DISTINCT FROM :seq OR role IS DISTINCT FROM :role
                    OR timestamp IS DISTINCT FROM :timestamp OR content IS DISTINCT FROM :content
                    OR model IS DISTINCT FROM :model OR input_tokens IS DISTINCT FROM :inputTokens
                    OR output_tokens IS DISTINCT FROM :outputTokens
                    OR cache_read_tokens IS DISTINCT FROM :cacheReadTokens
                    OR cache_write_tokens IS DISTINCT FROM :cacheWriteTokens
                    OR kind IS DISTINCT FROM :kind OR tool_name IS DISTINCT FROM :toolName
                    OR tool_call_id IS DISTINCT FROM :toolCallId OR tool_call_name IS DISTINCT FROM :toolCallName
                    OR tool_call_input IS DISTINCT FROM :toolCallInput
                    OR tool_result_call_id IS DISTINCT FROM :toolResultCallId
                    OR tool_result_is_error IS DISTINCT FROM :toolResultIsError)
            """)
    int[] replaceChangedTurns(@BindMethods List<NewTurn> turns);

    /**
     * A re-sent turn brings its attachments anew: whatever was stored for it goes first, so that a turn
     * re-sent with fewer (or no) attachments does not keep the old ones.
     */
    @SqlBatch("""
            DELETE FROM attachments
             WHERE turn_pk = (SELECT id FROM turns WHERE session_pk = :sessionPk AND turn_id = :turnId)
            """)
    void deleteAttachments(@BindMethods List<NewTurn> turns);

    /** Attachments live beside the turn rows (never inline), keyed by the turn and their position on it. */
    @SqlBatch("""
            INSERT INTO attachments (turn_pk, position, media_type, name, byte_count, data)
            SELECT id, :position, :mediaType, :name, :byteCount, :data
              FROM turns WHERE session_pk = :sessionPk AND turn_id = :turnId
            """)
    void insertAttachments(@BindMethods List<NewAttachment> attachments);

    /**
     * Adds turns that were only inserted (none replaced) to a session's derived columns. Exact, because
     * every total is a count, a sum or an extreme, and nothing already counted changed.
     */
    @SqlBatch("""
            UPDATE sessions
               SET turn_count = turn_count + :turns,
                   started_at = CASE WHEN started_at IS NULL OR :firstAt < started_at THEN :firstAt ELSE started_at END,
                   last_activity_at = CASE WHEN last_activity_at IS NULL OR :lastAt > last_activity_at
                                           THEN :lastAt ELSE last_activity_at END,
                   input_tokens = CASE WHEN :inputTokens IS NULL THEN input_tokens
                                       ELSE coalesce(input_tokens, 0) + :inputTokens END,
                   output_tokens = CASE WHEN :outputTokens IS NULL THEN output_tokens
                                        ELSE coalesce(output_tokens, 0) + :outputTokens END,
                   cache_read_tokens = CASE WHEN :cacheReadTokens IS NULL THEN cache_read_tokens
                                            ELSE coalesce(cache_read_tokens, 0) + :cacheReadTokens END,
                   cache_write_tokens = CASE WHEN :cacheWriteTokens IS NULL THEN cache_write_tokens
                                             ELSE coalesce(cache_write_tokens, 0) + :cacheWriteTokens END
             WHERE id = :sessionPk
            """)
    void addToDerivedColumns(@BindMethods List<SessionGrowth> growth);

    /** The text titles fall back to: the first user turn in transcript order. */
    @SqlBatch("""
            UPDATE sessions
               SET first_user_text =
                   (SELECT substr(content, 1, 400) FROM turns
                     WHERE session_pk = :id AND role = 'user'
                     ORDER BY seq, timestamp, turn_id LIMIT 1)
             WHERE id = :id
            """)
    void refreshFirstUserText(@Bind("id") List<Long> sessionPks);

    /**
     * Recomputes a session's derived columns from all its turns, after a stored turn changed: a replaced
     * turn can take away the earliest time or some tokens, which no running total can undo.
     */
    @SqlBatch("""
            UPDATE sessions
               SET (started_at, last_activity_at, turn_count,
                    input_tokens, output_tokens, cache_read_tokens, cache_write_tokens) =
                   (SELECT min(timestamp), max(timestamp), count(*),
                           sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens)
                      FROM turns WHERE session_pk = :id),
                   first_user_text =
                   (SELECT substr(content, 1, 400) FROM turns
                     WHERE session_pk = :id AND role = 'user'
                     ORDER BY seq, timestamp, turn_id LIMIT 1)
             WHERE id = :id
            """)
    void refreshDerivedColumns(@Bind("id") List<Long> sessionPks);
}
