package lethe.ingest;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/** The writes of one ingest request; always called inside the request's single transaction. */
public interface IngestDao {

    /** Creates the session on first sight, merges {@code meta} into it (RFC 7396) after that; returns its key. */
    @SqlQuery("""
            INSERT INTO sessions (owner, tool, host, session_id, meta, created_at, updated_at)
            VALUES (:owner, :tool, :host, :sessionId, json(:meta), :now, :now)
            ON CONFLICT (owner, tool, host, session_id) DO UPDATE
               SET meta = json_patch(sessions.meta, excluded.meta),
                   updated_at = excluded.updated_at
            RETURNING id
            """)
    long upsertSession(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                       @Bind("sessionId") String sessionId, @Bind("meta") String meta, @Bind("now") double now);

    /** A re-sent turn replaces the stored one: same key, newest content. */
    @SqlBatch("""
            INSERT INTO turns (session_pk, turn_id, seq, role, timestamp, content, model,
                               input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, kind, tool_name)
            VALUES (:sessionPk, :turnId, :seq, :role, :timestamp, :content, :model,
                    :inputTokens, :outputTokens, :cacheReadTokens, :cacheWriteTokens, :kind, :toolName)
            ON CONFLICT (session_pk, turn_id) DO UPDATE
               SET seq = excluded.seq, role = excluded.role, timestamp = excluded.timestamp,
                   content = excluded.content, model = excluded.model,
                   input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
                   cache_read_tokens = excluded.cache_read_tokens, cache_write_tokens = excluded.cache_write_tokens,
                   kind = excluded.kind, tool_name = excluded.tool_name
            """)
    void upsertTurns(@BindMethods List<NewTurn> turns);

    /**
     * Recomputes a session's derived columns from its turns. Recomputing (rather than adding to running
     * totals) keeps them exact whatever order turns arrive in and however often they are re-sent.
     */
    @SqlUpdate("""
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
    void refreshDerivedColumns(@Bind("id") long sessionPk);
}
