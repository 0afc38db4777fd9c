package lethe.db;

import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibase;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import org.slf4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.LoggerFactory;

/** Applies the classpath changelog at startup, the same one {@code db migrate} uses. */
public final class Migrations {

    /** Liquibase records this path per changeset: startup and {@code db migrate} must agree on it. */
    public static final String CHANGELOG = "migrations.xml";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static void apply(ManagedDataSource dataSource) {
        try {
            releaseStaleLock(dataSource);
            if (RecordedChangeSets.allRecorded(dataSource, CHANGELOG)) {
                LOG.info("the database schema is up to date: every changeset of {} is recorded", CHANGELOG);
                return;
            }
        } catch (SQLException e) {
            throw new DatabaseOpenException("cannot open the database: " + e.getMessage(), e);
        }
        try (CloseableLiquibase liquibase = new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, CHANGELOG)) {
            liquibase.update("");
        } catch (Exception e) {
            throw new DatabaseOpenException("cannot open or migrate the database: " + rootMessage(e), e);
        }
    }

    /**
     * A lethe killed in the middle of a migration leaves Liquibase's lock row set, and the next start
     * would wait minutes for it. One SQLite file belongs to one lethe process, so at startup any lock
     * still held is such a leftover and is released.
     */
    private static void releaseStaleLock(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            boolean lockTableExists;
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'DATABASECHANGELOGLOCK'")) {
                lockTableExists = tables.getInt(1) > 0;
            }
            if (lockTableExists) {
                int released = statement.executeUpdate(
                        "UPDATE DATABASECHANGELOGLOCK SET LOCKED = 0, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE LOCKED <> 0");
                if (released > 0) {
                    LOG.warn("released a stale migration lock left by a lethe that stopped during a migration");
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
