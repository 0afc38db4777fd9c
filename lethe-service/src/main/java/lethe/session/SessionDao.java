package lethe.session;

import lethe.files.FileFilter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

/** Reads of sessions and their turns. Every query names its owner unless an admin asked for all. */
@RegisterRowMapper(SessionRowMapper.class)
public interface SessionDao {

    /**
     * The columns of a session row {@code s}, with how many sub-agent runs name it as their parent (same
     * owner, tool and host; counted through the sessions_by_parent index).
     */
    String SESSION_COLUMNS = """
            s.id, s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.started_at, s.last_activity_at,
            s.turn_count, s.input_tokens, s.output_tokens, s.cache_read_tokens, s.cache_write_tokens, s.meta,
            s.created_at, s.updated_at, s.project, s.parent_session_id, s.parent_turn_id,
            (SELECT count(*) FROM sessions c
              WHERE c.owner = s.owner AND c.tool = s.tool AND c.host = s.host AND c.parent_session_id = s.session_id)
              AS subagent_count
            """;

    /**
     * The same columns for lists, where a session's meta comes along only up to 16 KiB of JSON and reads as
     * {@code {}} beyond: a page of up to 500 sessions must not carry megabytes of meta each (metas stored
     * before {@code ingest.max_meta_bytes} existed can be that large); {@code <listMeta>} is that rule in
     * each database's words. A session's own read carries its meta whole.
     */
    String LIST_COLUMNS = """
            s.id, s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.started_at, s.last_activity_at,
            s.turn_count, s.input_tokens, s.output_tokens, s.cache_read_tokens, s.cache_write_tokens,
            <listMeta> AS meta,
            s.created_at, s.updated_at, s.project, s.parent_session_id, s.parent_turn_id,
            (SELECT count(*) FROM sessions c
              WHERE c.owner = s.owner AND c.tool = s.tool AND c.host = s.host AND c.parent_session_id = s.session_id)
              AS subagent_count
            """;

    /**
     * The list's filters; :excludeSubagents leaves out sessions that are another session's sub-agent run,
     * :fileExact (with :fileBelow, :fileEnd) keeps sessions that touched a file ({@link FileFilter}).
     */
    String FILTERS = """
               AND (:tool IS NULL OR s.tool = :tool)
               AND (:host IS NULL OR s.host = :host)
               AND (:project IS NULL OR s.project = :project)
               AND (NOT :excludeSubagents OR s.parent_session_id IS NULL)
               AND (:since IS NULL OR s.last_activity_at >= :since)
               AND (:until IS NULL OR s.started_at <= :until)
            """ + FileFilter.SESSION_CLAUSE;

    /** Newest activity first; ties broken by the row id so that paging is stable. */
    String ORDER_AND_PAGE = """
             ORDER BY s.last_activity_at DESC, s.id DESC
             LIMIT :limit OFFSET :offset
            """;

    /**
     * A page of the session list: one owner's, or every owner's for an admin (a query of its own, so that an
     * owner's list keeps to the owner's index). Through Jdbi's fluent API, not an annotated method: the list is
     * the most frequent read, and attaching this interface and binding its twelve annotated parameters allocated
     * a third of what a page cost.
     */
    static List<SessionRow> list(Handle handle, SessionQuery query) {
        String where = query.allOwners() ? " WHERE 1 = 1 " : " WHERE s.owner = :owner ";
        return handle.createQuery("SELECT " + LIST_COLUMNS + " FROM sessions s" + where + FILTERS + ORDER_AND_PAGE)
                .bind("owner", query.owner())
                .bind("tool", query.tool())
                .bind("host", query.host())
                .bind("project", query.project())
                .bind("excludeSubagents", query.excludeSubagents())
                .bind("since", query.since())
                .bind("until", query.until())
                .bind("fileExact", query.file().exact())
                .bind("fileBelow", query.file().below())
                .bind("fileEnd", query.file().end())
                .bind("limit", query.limit())
                .bind("offset", query.offset())
                .map(new SessionRowMapper())
                .list();
    }

    @SqlQuery("SELECT " + SESSION_COLUMNS + """
              FROM sessions s
             WHERE s.owner = :owner AND s.tool = :tool AND s.host = :host AND s.session_id = :sessionId
            """)
    Optional<SessionRow> find(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                              @Bind("sessionId") String sessionId);

    /** What the session's turns carry as attachments, without the bytes. */
    @SqlQuery("""
            SELECT a.turn_pk, a.position, a.media_type, a.name, a.byte_count
              FROM turns t JOIN attachments a ON a.turn_pk = t.id
             WHERE t.session_pk = :sessionPk
             ORDER BY a.turn_pk, a.position
            """)
    @RegisterConstructorMapper(AttachmentRow.class)
    List<AttachmentRow> attachments(@Bind("sessionPk") long sessionPk);

    /** One attachment's bytes, found only through its owner's session: anyone else's is simply absent. */
    @SqlQuery("""
            SELECT a.media_type, a.name, a.data
              FROM sessions s
              JOIN turns t ON t.session_pk = s.id
              JOIN attachments a ON a.turn_pk = t.id
             WHERE s.owner = :owner AND s.tool = :tool AND s.host = :host AND s.session_id = :sessionId
               AND t.turn_id = :turnId AND a.position = :position
            """)
    @RegisterConstructorMapper(AttachmentFile.class)
    Optional<AttachmentFile> attachment(@Bind("owner") String owner, @Bind("tool") String tool,
                                        @Bind("host") String host, @Bind("sessionId") String sessionId,
                                        @Bind("turnId") String turnId, @Bind("position") int position);

    /** The sub-agent runs a session spawned, in the order they started; their metas capped as in lists. */
    @SqlQuery("""
            SELECT s.session_id, <listMeta> AS meta_json, s.first_user_text, s.parent_turn_id, s.turn_count
              FROM sessions s
             WHERE s.owner = :owner AND s.tool = :tool AND s.host = :host AND s.parent_session_id = :sessionId
             ORDER BY s.started_at, s.id
            """)
    @RegisterConstructorMapper(SubagentRow.class)
    List<SubagentRow> subagents(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                                @Bind("sessionId") String sessionId);

    /** The distinct tools of one owner's sessions (every owner's when {@code owner} is null), for filter lists. */
    @SqlQuery("SELECT DISTINCT tool FROM sessions WHERE (:owner IS NULL OR owner = :owner) ORDER BY tool")
    List<String> tools(@Bind("owner") String owner);

    @SqlQuery("SELECT DISTINCT host FROM sessions WHERE (:owner IS NULL OR owner = :owner) ORDER BY host")
    List<String> hosts(@Bind("owner") String owner);

    @SqlQuery("SELECT DISTINCT owner FROM sessions ORDER BY owner")
    List<String> owners();
}
