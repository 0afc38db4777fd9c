package lethe.session;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

/** Reads of sessions and their turns. Every query names its owner unless an admin asked for all. */
@RegisterConstructorMapper(SessionRow.class)
@RegisterConstructorMapper(TurnRow.class)
public interface SessionDao {

    String SESSION_COLUMNS = """
            id, owner, tool, host, session_id, first_user_text, started_at, last_activity_at, turn_count,
            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, meta, created_at, updated_at
            """;

    /** Newest activity first; ties broken by the row id so that paging is stable. */
    @SqlQuery("SELECT " + SESSION_COLUMNS + """
              FROM sessions
             WHERE owner = :owner
               AND (:tool IS NULL OR tool = :tool)
               AND (:host IS NULL OR host = :host)
               AND (:since IS NULL OR last_activity_at >= :since)
               AND (:until IS NULL OR started_at <= :until)
             ORDER BY last_activity_at DESC, id DESC
             LIMIT :limit OFFSET :offset
            """)
    List<SessionRow> listForOwner(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                                  @Bind("since") Double since, @Bind("until") Double until,
                                  @Bind("limit") int limit, @Bind("offset") long offset);

    /** The same list across every owner: for admins only. */
    @SqlQuery("SELECT " + SESSION_COLUMNS + """
              FROM sessions
             WHERE (:tool IS NULL OR tool = :tool)
               AND (:host IS NULL OR host = :host)
               AND (:since IS NULL OR last_activity_at >= :since)
               AND (:until IS NULL OR started_at <= :until)
             ORDER BY last_activity_at DESC, id DESC
             LIMIT :limit OFFSET :offset
            """)
    List<SessionRow> listAll(@Bind("tool") String tool, @Bind("host") String host,
                             @Bind("since") Double since, @Bind("until") Double until,
                             @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT " + SESSION_COLUMNS + """
              FROM sessions
             WHERE owner = :owner AND tool = :tool AND host = :host AND session_id = :sessionId
            """)
    Optional<SessionRow> find(@Bind("owner") String owner, @Bind("tool") String tool, @Bind("host") String host,
                              @Bind("sessionId") String sessionId);

    @SqlQuery("""
            SELECT turn_id, seq, role, timestamp, content, model, input_tokens, output_tokens,
                   cache_read_tokens, cache_write_tokens, kind, tool_name
              FROM turns
             WHERE session_pk = :sessionPk
             ORDER BY seq, timestamp, turn_id
            """)
    List<TurnRow> turns(@Bind("sessionPk") long sessionPk);

    /** The distinct tools of one owner's sessions (every owner's when {@code owner} is null), for filter lists. */
    @SqlQuery("SELECT DISTINCT tool FROM sessions WHERE (:owner IS NULL OR owner = :owner) ORDER BY tool")
    List<String> tools(@Bind("owner") String owner);

    @SqlQuery("SELECT DISTINCT host FROM sessions WHERE (:owner IS NULL OR owner = :owner) ORDER BY host")
    List<String> hosts(@Bind("owner") String owner);

    @SqlQuery("SELECT DISTINCT owner FROM sessions ORDER BY owner")
    List<String> owners();
}
