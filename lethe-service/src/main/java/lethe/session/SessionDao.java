package lethe.session;

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
