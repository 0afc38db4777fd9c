-- Peer (a): Debian's sqlite3 shell loading the corpus into lethe's own schema in one transaction,
-- with lethe's pragmas, unique keys and upserts. run.sh prepends the schema and substitutes CORPUS.
-- Simplification, stated in docs/benchmarks.md: a session's meta is the largest session_meta object
-- seen for it, where lethe merges them all in order.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
CREATE TEMP TABLE staging (line TEXT);
.mode ascii
.separator "\037" "\n"
.import CORPUS staging
.mode list

INSERT INTO sessions (owner, tool, host, session_id, meta, created_at, updated_at)
SELECT 'bench', line ->> 'tool', line ->> 'host', line ->> 'session_id',
       json(coalesce(max(line -> 'session_meta'), '{}')),
       (julianday('now') - 2440587.5) * 86400.0, (julianday('now') - 2440587.5) * 86400.0
  FROM staging
 GROUP BY 2, 3, 4
    ON CONFLICT (owner, tool, host, session_id) DO UPDATE
   SET meta = json_patch(sessions.meta, excluded.meta), updated_at = excluded.updated_at;

INSERT INTO turns (session_pk, turn_id, seq, role, timestamp, content, model,
                   input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, kind, tool_name)
SELECT (SELECT id FROM sessions
         WHERE owner = 'bench' AND tool = line ->> 'tool' AND host = line ->> 'host' AND session_id = line ->> 'session_id'),
       line ->> 'turn_id', line ->> 'seq', line ->> 'role', line ->> 'timestamp', line ->> 'content', line ->> 'model',
       line ->> '$.usage.input_tokens', line ->> '$.usage.output_tokens',
       line ->> '$.usage.cache_read_tokens', line ->> '$.usage.cache_write_tokens',
       line ->> 'kind', line ->> 'tool_name'
  FROM staging
 WHERE true
    ON CONFLICT (session_pk, turn_id) DO UPDATE
   SET seq = excluded.seq, role = excluded.role, timestamp = excluded.timestamp, content = excluded.content,
       model = excluded.model, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
       cache_read_tokens = excluded.cache_read_tokens, cache_write_tokens = excluded.cache_write_tokens,
       kind = excluded.kind, tool_name = excluded.tool_name;

UPDATE sessions
   SET (started_at, last_activity_at, turn_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens) =
       (SELECT min(timestamp), max(timestamp), count(*),
               sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens)
          FROM turns WHERE session_pk = sessions.id),
       first_user_text =
       (SELECT substr(content, 1, 400) FROM turns
         WHERE session_pk = sessions.id AND role = 'user'
         ORDER BY seq, timestamp, turn_id LIMIT 1)
 WHERE owner = 'bench';
COMMIT;
