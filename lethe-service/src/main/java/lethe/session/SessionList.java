package lethe.session;

import lethe.files.FileFilter;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of the session list: one owner's sessions, or every owner's for an admin, newest activity first.
 *
 * <p>The SQL names only the filters a request gives, rather than {@code (:project IS NULL OR s.project =
 * :project)} for each: a statement prepared with such a clause cannot use an index on the filtered column, so a
 * project's sessions were found by walking all of the owner's sessions newest first, a few hundred rows for a
 * project among a dozen and every one of them for a project with none in the last few thousand. Now the owner's
 * project index answers in order, as does the tool and host index (changeSet 84) for a pair of both.
 *
 * <p>Jdbi's fluent API, not an annotated {@link SessionDao} method: the list is the most frequent read, and
 * attaching the DAO and binding twelve annotated parameters allocated a third of what a page cost.
 */
final class SessionList {

    /**
     * {@link SessionDao#SESSION_COLUMNS}, but a session's meta comes along only up to 16 KiB of JSON and reads as
     * {@code {}} beyond: a page of up to 500 sessions must not carry megabytes of meta each (metas stored before
     * {@code ingest.max_meta_bytes} existed can be that large); {@code <listMeta>} is that rule in each database's
     * words. A session's own read carries its meta whole.
     */
    static final String COLUMNS = """
            s.id, s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.started_at, s.last_activity_at,
            s.turn_count, s.input_tokens, s.output_tokens, s.cache_read_tokens, s.cache_write_tokens,
            <listMeta> AS meta,
            s.created_at, s.updated_at, s.project, s.parent_session_id, s.parent_turn_id,
            (SELECT count(*) FROM sessions c
              WHERE c.owner = s.owner AND c.tool = s.tool AND c.host = s.host AND c.parent_session_id = s.session_id)
              AS subagent_count
            """;

    /** Newest activity first; ties broken by the row id so that paging is stable. */
    private static final String ORDER_AND_PAGE = """
             ORDER BY s.last_activity_at DESC, s.id DESC
             LIMIT :limit OFFSET :offset
            """;

    private SessionList() {
    }

    /**
     * Times match when a session's activity overlaps them; {@code excludeSubagents} leaves out sessions that are
     * another session's sub-agent run; a file keeps sessions that touched it ({@link FileFilter}).
     */
    static List<SessionRow> page(Handle handle, SessionQuery query) {
        Where where = new Where();
        where.add("s.owner = :owner", "owner", query.owner());
        where.add("s.tool = :tool", "tool", query.tool());
        where.add("s.host = :host", "host", query.host());
        where.add("s.project = :project", "project", query.project());
        if (query.excludeSubagents()) {
            where.add("s.parent_session_id IS NULL");
        }
        where.add("s.last_activity_at >= :since", "since", query.since());
        where.add("s.started_at <= :until", "until", query.until());
        if (where.add(FileFilter.SESSION_CONDITION, "fileExact", query.file().exact())) {
            where.bind("fileBelow", query.file().below());
            where.bind("fileEnd", query.file().end());
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM sessions s" + where.sql() + ORDER_AND_PAGE)
                .bindMap(where.values)
                .bind("limit", query.limit())
                .bind("offset", query.offset())
                .map(new SessionRowMapper())
                .list();
    }

    /** The conditions a query names and the values they bind. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> values = new HashMap<>();

        /** Adds {@code condition}, binding {@code name} to {@code value}, unless the value is null (no filter). */
        boolean add(String condition, String name, Object value) {
            if (value == null) {
                return false;
            }
            add(condition);
            bind(name, value);
            return true;
        }

        /** A condition that binds nothing, or whose values {@link #bind} gives. */
        void add(String condition) {
            conditions.add(condition);
        }

        void bind(String name, Object value) {
            values.put(name, value);
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }
}
