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

    public static void apply(ManagedDataSource dataSource, SqlDialect dialect) {
        if (dialect == SqlDialect.POSTGRESQL) {
            try (MigrationLock lock = MigrationLock.take(dataSource)) {
                migrate(dataSource, dialect);
            } catch (SQLException e) {
                throw new DatabaseOpenException("cannot open the database: " + e.getMessage(), e);
            }
            return;
        }
        try {
            releaseStaleLock(dataSource);
        } catch (SQLException e) {
            throw new DatabaseOpenException("cannot open the database: " + e.getMessage(), e);
        }
        migrate(dataSource, dialect);
    }

    private static void migrate(ManagedDataSource dataSource, SqlDialect dialect) {
        try {
            if (RecordedChangeSets.allRecorded(dataSource, CHANGELOG, dialect)) {
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
     * On PostgreSQL, replicas starting together migrate one after the other: the first takes this
     * session-level advisory lock and migrates, the others wait for it and then find every changeset
     * recorded. Unlike Liquibase's lock row, the server drops it by itself when the process holding it
     * dies, so a replica killed mid-migration leaves nothing to clean up (and no lock is ever released
     * by force, which on a shared database could break into a migration that is really running).
     */
    private static final class MigrationLock implements AutoCloseable {

        /** Any fixed number works: it only has to be the same for every lethe on the database. */
        private static final long KEY = 0x6c65746865L;

        private final Connection connection;

        private MigrationLock(Connection connection) {
            this.connection = connection;
        }

        static MigrationLock take(DataSource dataSource) throws SQLException {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new MigrationLock(connection);
        }

        @Override
        public void close() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            } finally {
                connection.close();
            }
        }
    }

    /**
     * A lethe killed in the middle of a migration leaves Liquibase's lock row set, and the next start
     * would wait minutes for it. One SQLite file belongs to one lethe process, so at startup any lock
     * still held is such a leftover and is released. Never on PostgreSQL, where another replica may
     * really hold it.
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
