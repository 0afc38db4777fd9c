package lethe.session;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

import static lethe.db.Columns.nullableDouble;
import static lethe.db.Columns.nullableLong;

/**
 * Reads the columns of {@link SessionDao#SESSION_COLUMNS} (and of their list form). Written out rather than left
 * to Jdbi's constructor mapper, which inspected the record's parameters and their annotations again for every
 * query: an eighth of what a page of the session list allocated.
 */
public class SessionRowMapper implements RowMapper<SessionRow> {

    @Override
    public SessionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SessionRow(
                rs.getLong("id"),
                rs.getString("owner"),
                rs.getString("tool"),
                rs.getString("host"),
                rs.getString("session_id"),
                rs.getString("first_user_text"),
                nullableDouble(rs, "started_at"),
                nullableDouble(rs, "last_activity_at"),
                rs.getLong("turn_count"),
                nullableLong(rs, "input_tokens"),
                nullableLong(rs, "output_tokens"),
                nullableLong(rs, "cache_read_tokens"),
                nullableLong(rs, "cache_write_tokens"),
                rs.getString("meta"),
                rs.getDouble("created_at"),
                rs.getDouble("updated_at"),
                rs.getString("project"),
                rs.getString("parent_session_id"),
                rs.getString("parent_turn_id"),
                rs.getLong("subagent_count"));
    }
}
