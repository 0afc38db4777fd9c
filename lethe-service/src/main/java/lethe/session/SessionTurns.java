package lethe.session;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Reads one session's turns in their order a batch at a time, so that no read holds a whole session: a
 * session may be hundreds of megabytes (turns of up to {@code ingest.max_line_bytes} each). A batch ends
 * at {@link #BATCH_BYTES} bytes of turn text (at least one turn), and each batch is read on its own
 * short-lived handle, so a client reading slowly holds no database connection while it reads.
 * The next batch starts after the last turn's key, through the {@code turns_by_session_order} index.
 */
final class SessionTurns {

    /**
     * 4 MiB of UTF-8 per batch, at most 12 MiB of heap once a page has made Strings of it (two bytes a
     * character): under 1/20 of the recommended {@code -Xmx256m}.
     */
    static final long BATCH_BYTES = 4L * 1024 * 1024;
    private static final int MAX_BATCH_TURNS = 256;

    private static final String COLUMNS = """
            SELECT id, turn_id, seq, role, timestamp, content, model, input_tokens, output_tokens,
                   cache_read_tokens, cache_write_tokens, kind, tool_name,
                   tool_call_id, tool_call_name, tool_call_input, tool_result_call_id, tool_result_is_error
              FROM turns
            """;

    /** The first batch: from the session's first turn, or from the {@code :skip}-th for a page further on. */
    private static final String FIRST = COLUMNS + """
             WHERE session_pk = :sessionPk
             ORDER BY seq, timestamp, turn_id
             LIMIT :limit OFFSET :skip
            """;

    /** Every later batch: the turns after the last one read, in the same order (the key is unique per session). */
    private static final String AFTER = COLUMNS + """
             WHERE session_pk = :sessionPk AND (seq, timestamp, turn_id) > (:seq, :timestamp, :turnId)
             ORDER BY seq, timestamp, turn_id
             LIMIT :limit
            """;

    /** What the batch's turns carry as attachments, without the bytes. */
    private static final String ATTACHMENTS = """
            SELECT turn_pk, position, media_type, name, byte_count
              FROM attachments
             WHERE turn_pk IN (<turnPks>)
             ORDER BY turn_pk, position
            """;

    /** The key of the first turn with a seq, or of the turn with an id (unique in its session). */
    private static final String KEY = """
            SELECT seq, timestamp, turn_id
              FROM turns
             WHERE session_pk = :sessionPk AND (CASE WHEN :turnId IS NULL THEN seq = :seq ELSE turn_id = :turnId END)
             ORDER BY seq, timestamp, turn_id
             LIMIT 1
            """;

    /** How many turns come before a key in the session's order: its 0-based position. */
    private static final String POSITION = """
            SELECT count(*)
              FROM turns
             WHERE session_pk = :sessionPk AND (seq, timestamp, turn_id) < (:seq, :timestamp, :turnId)
            """;

    private static final TurnRowMapper ROWS = new TurnRowMapper();

    private final Jdbi jdbi;

    SessionTurns(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The 0-based position of the first turn with {@code seq}, or of the turn {@code turnId} when given. */
    OptionalLong position(long sessionPk, Long seq, String turnId) {
        return jdbi.withHandle(handle -> handle.createQuery(KEY)
                .bind("sessionPk", sessionPk).bind("seq", seq).bind("turnId", turnId)
                .map((rs, ctx) -> handle.createQuery(POSITION).bind("sessionPk", sessionPk)
                        .bind("seq", rs.getLong("seq")).bind("timestamp", rs.getDouble("timestamp"))
                        .bind("turnId", rs.getString("turn_id")).mapTo(Long.class).one())
                .findFirst()
                .map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    /** One batch: the turns with their attachments by turn row key; empty when the session has no more. */
    record Batch(List<TurnRow> turns, Map<Long, List<AttachmentRow>> attachments) {
    }

    /** Reads batches in order, starting {@code skip} turns in. */
    final class Reader {
        private final long sessionPk;
        private long skip;
        private TurnRow last;
        private int limit = 64;
        private boolean done;

        Reader(long sessionPk, long skip) {
            this.sessionPk = sessionPk;
            this.skip = skip;
        }

        Batch next() {
            if (done) {
                return new Batch(List.of(), Map.of());
            }
            Batch batch = jdbi.withHandle(this::read);
            done = batch.turns().isEmpty();
            return batch;
        }

        private Batch read(Handle handle) {
            Query query = last == null
                    ? handle.createQuery(FIRST).bind("skip", skip)
                    : handle.createQuery(AFTER).bind("seq", last.seq()).bind("timestamp", last.timestamp())
                            .bind("turnId", last.turnId());
            List<TurnRow> rows = new ArrayList<>();
            long bytes = 0;
            try (ResultIterator<TurnRow> results = query.bind("sessionPk", sessionPk).bind("limit", limit)
                    .setFetchSize(limit).map(ROWS).iterator()) {
                while (results.hasNext() && bytes < BATCH_BYTES) {
                    TurnRow row = results.next();
                    rows.add(row);
                    bytes += size(row);
                }
            }
            if (rows.isEmpty()) {
                return new Batch(rows, Map.of());
            }
            last = rows.get(rows.size() - 1);
            skip = 0;
            // Sized so the next batch of turns like these fits the budget in one query.
            limit = (int) Math.max(1, Math.min(MAX_BATCH_TURNS, BATCH_BYTES / Math.max(1, bytes / rows.size())));
            Map<Long, List<AttachmentRow>> attachments = handle.createQuery(ATTACHMENTS)
                    .bindList("turnPks", rows.stream().map(TurnRow::id).toList())
                    .map(ConstructorMapper.of(AttachmentRow.class)).stream()
                    .collect(Collectors.groupingBy(AttachmentRow::turnPk));
            return new Batch(rows, attachments);
        }
    }

    private static long size(TurnRow row) {
        return 256 + (row.content() == null ? 0 : row.content().length) + length(row.toolCallInput());
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
