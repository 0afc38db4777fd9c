package lethe.session;

import lethe.files.FileFilter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of the session list: one owner's sessions, or every owner's for an admin, newest activity first.
 *
 * <p>The SQL names only the filters a request gives, rather than {@code (:project IS NULL OR s.project =
 * :project)} for each: a statement prepared with such a clause cannot use an index on the filtered column,
 * so a project's sessions were found by walking all of the owner's sessions newest first, a few hundred rows for a
 * project among a dozen and every one of them for a project with none in the last few thousand. Now the owner's
 * project index answers in order, as does the tool and host index (changeSet 84) for a pair of both. Jdbi's fluent API, not an annotated {@link SessionDao} method: the list is the
 * most frequent read, and attaching the DAO and binding twelve annotated parameters allocated a third of what a
 * page cost.
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
        List<String> conditions = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (!query.allOwners()) {
            conditions.add("s.owner = :owner");
            values.put("owner", query.owner());
        }
        if (query.tool() != null) {
            conditions.add("s.tool = :tool");
            values.put("tool", query.tool());
        }
        if (query.host() != null) {
            conditions.add("s.host = :host");
            values.put("host", query.host());
        }
        if (query.project() != null) {
            conditions.add("s.project = :project");
            values.put("project", query.project());
        }
        if (query.excludeSubagents()) {
            conditions.add("s.parent_session_id IS NULL");
        }
        if (query.since() != null) {
            conditions.add("s.last_activity_at >= :since");
            values.put("since", query.since());
        }
        if (query.until() != null) {
            conditions.add("s.started_at <= :until");
            values.put("until", query.until());
        }
        if (query.file().exact() != null) {
            conditions.add(FileFilter.SESSION_CONDITION);
            values.put("fileExact", query.file().exact());
            values.put("fileBelow", query.file().below());
            values.put("fileEnd", query.file().end());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Query select = handle.createQuery("SELECT " + COLUMNS + " FROM sessions s" + where + ORDER_AND_PAGE)
                .bindMap(values)
                .bind("limit", query.limit())
                .bind("offset", query.offset());
        return select.map(new SessionRowMapper()).list();
    }
}
