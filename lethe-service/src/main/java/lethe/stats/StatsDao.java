package lethe.stats;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

/**
 * Activity counts for the stats page. Days are computed by the database from a fixed UTC offset: the caller
 * splits a range wherever the zone's offset changes (daylight saving) and asks once per piece.
 * Sessions are narrowed first by their activity span (indexed), then their turns by timestamp.
 */
@RegisterRowMapper(ActivityRowMapper.class)
public interface StatsDao {

    String SELECT = """
            SELECT <utcDay> AS day, s.id AS session_pk, s.tool, s.host, t.model,
                   <sessionCwd> AS project,
                   count(*) AS turns,
                   sum(t.input_tokens) AS input_tokens, sum(t.output_tokens) AS output_tokens,
                   sum(t.cache_read_tokens) AS cache_read_tokens, sum(t.cache_write_tokens) AS cache_write_tokens
              FROM sessions s JOIN turns t ON t.session_pk = s.id
            """;
    String RANGE = """
               AND s.last_activity_at >= :lo AND s.started_at < :hi
               AND t.timestamp >= :lo AND t.timestamp < :hi
             GROUP BY day, s.id, t.model
            """;

    @SqlQuery(SELECT + " WHERE s.owner = :owner " + RANGE)
    List<ActivityRow> forOwner(@Bind("owner") String owner, @Bind("lo") double lo, @Bind("hi") double hi,
                               @Bind("offset") int offsetSeconds);

    /** The same across every owner: for admins only. */
    @SqlQuery(SELECT + " WHERE 1 = 1 " + RANGE)
    List<ActivityRow> forEveryone(@Bind("lo") double lo, @Bind("hi") double hi, @Bind("offset") int offsetSeconds);
}
