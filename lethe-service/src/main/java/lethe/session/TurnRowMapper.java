package lethe.session;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

import static lethe.db.Columns.nullableBoolean;
import static lethe.db.Columns.nullableLong;

/**
 * Reads the columns {@link SessionTurns} selects. Written out rather than left to Jdbi's constructor mapper,
 * which read each column through a reflective getter call: a fifth of a 2 000-turn session's read.
 */
final class TurnRowMapper implements RowMapper<TurnRow> {

    @Override
    public TurnRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TurnRow(
                rs.getLong("id"),
                rs.getString("turn_id"),
                rs.getLong("seq"),
                rs.getString("role"),
                rs.getDouble("timestamp"),
                rs.getBytes("content"),
                rs.getString("model"),
                nullableLong(rs, "input_tokens"),
                nullableLong(rs, "output_tokens"),
                nullableLong(rs, "cache_read_tokens"),
                nullableLong(rs, "cache_write_tokens"),
                rs.getString("kind"),
                rs.getString("tool_name"),
                rs.getString("tool_call_id"),
                rs.getString("tool_call_name"),
                rs.getString("tool_call_input"),
                rs.getString("tool_result_call_id"),
                nullableBoolean(rs, "tool_result_is_error"));
    }
}
