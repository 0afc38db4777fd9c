package lethe.testing;

/**
 * The database the tests run lethe on, from {@code -Dlethe.test.backend}: {@code sqlite} (the default)
 * or {@code postgres}. The same test classes run on both; the build runs the API tests once per backend.
 */
public enum TestBackend {
    SQLITE, POSTGRES;

    public static TestBackend current() {
        String name = System.getProperty("lethe.test.backend", "sqlite");
        return switch (name) {
            case "sqlite" -> SQLITE;
            case "postgres", "postgresql" -> POSTGRES;
            default -> throw new IllegalArgumentException("lethe.test.backend must be sqlite or postgres, not " + name);
        };
    }

    /** A JDBC URL of a new, empty database of this backend. */
    public String freshDatabaseUrl() {
        return switch (this) {
            case SQLITE -> "jdbc:sqlite:" + LetheApp.freshDatabaseFile();
            case POSTGRES -> TestPostgres.shared().freshDatabase();
        };
    }

    /** The user lethe connects as ("" for SQLite, which has none). */
    public String user() {
        return this == POSTGRES ? TestPostgres.USER : "";
    }

    /** The name /readyz and /healthcheck report the database under. */
    public String healthCheckName() {
        return this == POSTGRES ? "postgresql" : "sqlite";
    }
}
