package lethe.db;

import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibase;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import liquibase.lockservice.DatabaseChangeLogLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the classpath changelog at startup, the same one {@code db migrate} uses. */
public final class Migrations {

    /** Liquibase records this path per changeset: startup and {@code db migrate} must agree on it. */
    public static final String CHANGELOG = "migrations.xml";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static void apply(ManagedDataSource dataSource) {
        try (CloseableLiquibase liquibase = new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, CHANGELOG)) {
            releaseStaleLock(liquibase);
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
    private static void releaseStaleLock(CloseableLiquibase liquibase) throws Exception {
        DatabaseChangeLogLock[] locks = liquibase.listLocks();
        if (locks.length > 0) {
            LOG.warn("releasing a stale migration lock held since {} by {}", locks[0].getLockGranted(), locks[0].getLockedBy());
            liquibase.forceReleaseLocks();
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
