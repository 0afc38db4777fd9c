package lethe.auth.apikey;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

public class ApiKeyRowMapper implements RowMapper<ApiKeyRow> {

    @Override
    public ApiKeyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ApiKeyRow(
                rs.getString("id"),
                rs.getString("owner"),
                rs.getString("name"),
                rs.getString("hash"),
                rs.getDouble("created_at"),
                nullableDouble(rs, "expires_at"),
                nullableDouble(rs, "revoked_at"),
                nullableDouble(rs, "last_used_at"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
