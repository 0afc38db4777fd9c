package lethe.db;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/** Tells apart a database that is temporarily unable to serve from a bug in lethe. */
public final class DatabaseFailures {

    private static final Set<SQLiteErrorCode> UNAVAILABLE = Set.of(
            SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_FULL,
            SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_CANTOPEN, SQLiteErrorCode.SQLITE_READONLY,
            SQLiteErrorCode.SQLITE_NOMEM, SQLiteErrorCode.SQLITE_PROTOCOL);

    private DatabaseFailures() {
    }

    /**
     * SQLSTATE classes of a PostgreSQL that cannot serve now: 08 connection lost, 53 out of resources
     * (53100 disk full), 57 operator intervention (a server shutting down or restarting), 40 a
     * transaction rolled back (by deadlock detection, after its retries were used up).
     */
    private static final Set<String> POSTGRES_UNAVAILABLE_CLASSES = Set.of("08", "53", "57", "40");

    public static boolean isUnavailable(Throwable failure) {
        return sqliteCode(failure) != null || hasCause(failure, java.sql.SQLTransientException.class)
                || sqlState(failure).filter(state -> POSTGRES_UNAVAILABLE_CLASSES.contains(state.substring(0, 2))).isPresent();
    }

    /** Whether the failure carries one of these SQLSTATE codes. */
    public static boolean hasSqlState(Throwable failure, Set<String> states) {
        return sqlState(failure).filter(states::contains).isPresent();
    }

    private static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** A short, SQL-free reason fit for a client, e.g. "database or disk is full". */
    public static String reason(Throwable failure) {
        SQLiteErrorCode code = sqliteCode(failure);
        if (code == null) {
            return sqlState(failure).map(DatabaseFailures::postgresReason).orElse("no connection available");
        }
        return switch (code) {
            case SQLITE_FULL -> "database or disk is full";
            case SQLITE_BUSY, SQLITE_LOCKED -> "database is busy";
            case SQLITE_READONLY -> "database is read-only";
            default -> "database I/O error";
        };
    }

    private static String postgresReason(String state) {
        if (state.equals("53100")) {
            return "database or disk is full";
        }
        return switch (state.substring(0, 2)) {
            case "08" -> "database connection lost";
            case "40" -> "database is busy";
            case "57" -> "database is shutting down or restarting";
            default -> "no connection available";
        };
    }

    private static SQLiteErrorCode sqliteCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(sqlite.getErrorCode() & 0xff);
                if (UNAVAILABLE.contains(code)) {
                    return code;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
