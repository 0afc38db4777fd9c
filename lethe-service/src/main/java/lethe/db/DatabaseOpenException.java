package lethe.db;

/** The database file cannot be created or opened; lethe stops with {@code DB_OPEN} in the message. */
public class DatabaseOpenException extends RuntimeException {

    public DatabaseOpenException(String message, Throwable cause) {
        super("DB_OPEN: " + message, cause);
    }

    public DatabaseOpenException(String message) {
        super("DB_OPEN: " + message);
    }
}
