package lethe.stats;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

import static lethe.db.Columns.nullableLong;

public class ActivityRowMapper implements RowMapper<ActivityRow> {

    @Override
    public ActivityRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ActivityRow(
                rs.getString("day"),
                rs.getLong("session_pk"),
                rs.getString("tool"),
                rs.getString("host"),
                rs.getString("model"),
                rs.getLong("turns"),
                nullableLong(rs, "input_tokens"),
                nullableLong(rs, "output_tokens"),
                nullableLong(rs, "cache_read_tokens"),
                nullableLong(rs, "cache_write_tokens"),
                rs.getString("project"));
    }
}
