package lethe.db;

import io.dropwizard.db.DataSourceFactory;

import java.util.Map;

/**
 * The SQLite connection settings lethe needs to be correct, not merely fast.
 *
 * <p>WAL lets readers run beside the single writer. {@code synchronous=FULL} fsyncs the WAL on every
 * commit, so a 200 answered to a collector survives a power cut as well as a crash. IMMEDIATE
 * transactions take the write lock up front: with DEFERRED ones two read-then-write transactions
 * deadlock into SQLITE_BUSY no matter the busy timeout. {@code secure_delete} overwrites deleted content
 * with zeros, so a session deleted for good (or a turn replaced) leaves no text in free pages of the file.
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
            "secure_delete", "true");

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

    /** Fills in whatever pragma the operator did not set, so a partial {@code database:} block stays safe. */
    public static void applyMissingPragmas(DataSourceFactory factory) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(factory.getProperties());
        PRAGMAS.forEach(properties::putIfAbsent);
        factory.setProperties(properties);
        if (factory.getDriverClass() == null) {
            factory.setDriverClass("org.sqlite.JDBC");
        }
        if (factory.getMinSize() > factory.getMaxSize()) {
            factory.setMinSize(factory.getMaxSize());
        }
        if (factory.getInitialSize() > factory.getMaxSize()) {
            factory.setInitialSize(factory.getMaxSize());
        }
    }
}
