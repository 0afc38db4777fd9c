package lethe.db;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.util.Set;

/** Tells apart a database that is temporarily unable to serve from a bug in lethe. */
public final class DatabaseFailures {

    private static final Set<SQLiteErrorCode> UNAVAILABLE = Set.of(
            SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_FULL,
            SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_CANTOPEN, SQLiteErrorCode.SQLITE_READONLY,
            SQLiteErrorCode.SQLITE_NOMEM, SQLiteErrorCode.SQLITE_PROTOCOL);

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        return sqliteCode(failure) != null || hasCause(failure, java.sql.SQLTransientException.class);
    }

    /** A short, SQL-free reason fit for a client, e.g. "database or disk is full". */
    public static String reason(Throwable failure) {
        SQLiteErrorCode code = sqliteCode(failure);
        if (code == null) {
            return "no connection available";
        }
        return switch (code) {
            case SQLITE_FULL -> "database or disk is full";
            case SQLITE_BUSY, SQLITE_LOCKED -> "database is busy";
            case SQLITE_READONLY -> "database is read-only";
            default -> "database I/O error";
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
