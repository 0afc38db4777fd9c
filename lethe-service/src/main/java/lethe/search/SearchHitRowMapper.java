package lethe.search;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

public class SearchHitRowMapper implements RowMapper<SearchHitRow> {

    @Override
    public SearchHitRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SearchHitRow(
                rs.getString("owner"),
                rs.getString("tool"),
                rs.getString("host"),
                rs.getString("session_id"),
                rs.getString("first_user_text"),
                rs.getString("project"),
                rs.getString("meta"),
                rs.getString("turn_id"),
                rs.getLong("seq"),
                rs.getString("role"),
                rs.getDouble("timestamp"),
                rs.getString("snippet"));
    }
}
