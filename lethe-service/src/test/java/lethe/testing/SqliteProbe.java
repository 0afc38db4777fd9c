package lethe.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection of the test's own to the database file a running lethe uses, for what the API cannot
 * show: whether lethe wrote anything, and setting up states that only time would bring about.
 *
 * <p>{@code PRAGMA data_version} is SQLite's own answer to "did any other connection commit a change
 * since I last asked?": its value, read on one connection, changes exactly when another connection
 * commits a write to the file. Keep the probe open across the requests under test.
 */
public final class SqliteProbe implements AutoCloseable {

    private final Connection connection;

    private SqliteProbe(Connection connection) {
        this.connection = connection;
    }

    public static SqliteProbe open(Path file) {
        try {
            return new SqliteProbe(DriverManager.getConnection("jdbc:sqlite:" + file));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long dataVersion() {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA data_version")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int execute(String sql, Object... parameters) {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
