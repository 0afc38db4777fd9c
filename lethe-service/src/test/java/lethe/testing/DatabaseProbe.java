package lethe.testing;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import lethe.LetheConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection of the test's own to the database a running lethe uses, SQLite or PostgreSQL, for what
 * the API cannot show: what is stored, whether lethe wrote anything, and setting up states that only
 * time would bring about.
 *
 * <p>{@link #writeVersion()} changes exactly when some other connection commits a write. On SQLite it
 * is {@code PRAGMA data_version}, SQLite's own answer to "did any other connection commit a change
 * since I last asked?". On PostgreSQL it is the next transaction id to be assigned: only transactions
 * that write are given one (and the test cluster runs no autovacuum). Keep the probe open across the
 * requests under test.
 */
public final class DatabaseProbe implements AutoCloseable {

    private final Connection connection;
    private final boolean sqlite;

    private DatabaseProbe(Connection connection, boolean sqlite) {
        this.connection = connection;
        this.sqlite = sqlite;
    }

    public static DatabaseProbe open(String url, String user) {
        try {
            return new DatabaseProbe(DriverManager.getConnection(url, user, ""), url.startsWith("jdbc:sqlite:"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database of a running app. */
    public static DatabaseProbe open(DropwizardAppExtension<LetheConfiguration> app) {
        return open(app.getConfiguration().getDatabase().getUrl(), app.getConfiguration().getDatabase().getUser());
    }

    public boolean isSqlite() {
        return sqlite;
    }

    public long writeVersion() {
        String sql = sqlite ? "PRAGMA data_version" : "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint";
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
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

    /** Every row of a query, each as its column values in order. */
    public List<List<Object>> rows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getObject(c));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The one number a query answers, such as a count. */
    public long number(String sql) {
        return ((Number) rows(sql).get(0).get(0)).longValue();
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
