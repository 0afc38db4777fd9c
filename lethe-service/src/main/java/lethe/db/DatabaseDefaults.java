package lethe.db;

import io.dropwizard.db.DataSourceFactory;

import java.util.Map;

/**
 * The connection settings lethe needs to be correct, not merely fast. For SQLite:
 *
 * <p>WAL lets readers run beside the single writer. {@code synchronous=FULL} fsyncs the WAL on every
 * commit, so a 200 answered to a collector survives a power cut as well as a crash. IMMEDIATE
 * transactions take the write lock up front: with DEFERRED ones two read-then-write transactions
 * deadlock into SQLITE_BUSY no matter the busy timeout. {@code secure_delete} overwrites deleted content
 * with zeros, so a session deleted for good (or a turn replaced) leaves no text in free pages of the file.
 * {@code mmap_size} lets reads take pages straight from the operating system's file cache instead of a
 * system call and a copy per page: a search joins thousands of turn rows spread over gigabytes, and this
 * made those lookups up to twice as fast at a million turns. The mapping is read-only (SQLite still
 * writes through the file) and lives outside the Java heap; the pages it touches count as shared,
 * reclaimable memory of the process.
 *
 * <p>PostgreSQL needs none of these: its defaults already commit durably ({@code synchronous_commit=on})
 * and let readers run beside writers. Its pool is the same Dropwizard pool, sized by {@code maxSize}.
 */
public final class DatabaseDefaults {

    public static final String DEFAULT_URL = "jdbc:sqlite:./data/lethe.db";

    /** How much of the database file reads may map: SQLite caps it at what it was built for (2 GiB by default). */
    static final long MMAP_BYTES = 8L << 30;

    /** Pragmas applied to every pooled connection unless the operator's {@code database.properties} says otherwise. */
    public static final Map<String, String> PRAGMAS = Map.of(
            "journal_mode", "WAL",
            "synchronous", "FULL",
            "foreign_keys", "true",
            "busy_timeout", "10000",
            "transaction_mode", "IMMEDIATE",
            "secure_delete", "true",
            "mmap_size", String.valueOf(MMAP_BYTES));

    private DatabaseDefaults() {
    }

    public static DataSourceFactory dataSourceFactory() {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.sqlite.JDBC");
        factory.setUrl(DEFAULT_URL);
        factory.setUser("");
        factory.setPassword("");
        factory.setMinSize(1);
        factory.setInitialSize(1);
        factory.setMaxSize(8);
        factory.setValidationQuery("SELECT 1");
        factory.setProperties(new java.util.LinkedHashMap<>(PRAGMAS));
        return factory;
    }

    /**
     * Completes the operator's {@code database:} block for its backend: on SQLite every pragma not set
     * (so a partial block stays safe); on PostgreSQL none of them, and the driver of the URL.
     */
    public static void applyMissingSettings(DataSourceFactory factory) {
        SqlDialect dialect = SqlDialect.of(factory.getUrl());
        Map<String, String> properties = new java.util.LinkedHashMap<>(factory.getProperties());
        if (dialect == SqlDialect.SQLITE) {
            PRAGMAS.forEach(properties::putIfAbsent);
        } else {
            // The SQLite defaults this factory started from mean nothing to PostgreSQL's driver.
            PRAGMAS.keySet().forEach(properties::remove);
            properties.putIfAbsent("ApplicationName", "lethe");
        }
        factory.setProperties(properties);
        String driver = factory.getDriverClass();
        boolean driverOfEitherBackend = SqlDialect.SQLITE.driverClass().equals(driver)
                || SqlDialect.POSTGRESQL.driverClass().equals(driver);
        if (driver == null || driverOfEitherBackend) {
            factory.setDriverClass(dialect.driverClass());
        }
        if (factory.getMinSize() > factory.getMaxSize()) {
            factory.setMinSize(factory.getMaxSize());
        }
        if (factory.getInitialSize() > factory.getMaxSize()) {
            factory.setInitialSize(factory.getMaxSize());
        }
    }
}
