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
 * {@code mmap_size} is 0: reads copy pages from the operating system's file cache into each connection's
 * own page cache rather than mapping the file. A map is faster for a reader left alone, but in WAL mode
 * every commit by any connection makes each other connection drop its page cache and unmap the whole file
 * on its next read, then fault every page back in; with collectors and the search indexer committing
 * several times a second, a mapped reader was two to three times slower than a copying one
 * (docs/benchmarks.md, "Reads while others commit"). For the same reason the page cache keeps SQLite's
 * default size: a larger one made quiet reads faster and reads beside a stream slower.
 *
 * <p>PostgreSQL needs none of these: its defaults already commit durably ({@code synchronous_commit=on})
 * and let readers run beside writers. Its pool is the same Dropwizard pool, sized by {@code maxSize}.
 */
public final class DatabaseDefaults {

    public static final String DEFAULT_URL = "jdbc:sqlite:./data/lethe.db";

    /** Pragmas applied to every pooled connection unless the operator's {@code database.properties} says otherwise. */
    public static final Map<String, String> PRAGMAS = Map.of(
            "journal_mode", "WAL",
            "synchronous", "FULL",
            "foreign_keys", "true",
            "busy_timeout", "10000",
            "transaction_mode", "IMMEDIATE",
            "secure_delete", "true",
            "mmap_size", "0");

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
