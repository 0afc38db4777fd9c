package lethe.problem;

import org.jdbi.v3.core.JdbiException;

import java.sql.SQLException;

/** What may be shown to a client or written to a log about a failure, without code names, SQL or user text. */
public final class SafeText {

    private SafeText() {
    }

    /** Jackson names its own classes and methods in backquotes; those mean nothing to a client. */
    public static String withoutCodeNames(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("\\s*\\([^()]*`[^()]*\\)", "").replaceAll("`[^`]*`", "the value");
    }

    /**
     * The failure to log: database failures carry the SQL and its bound values (search words, transcript
     * text) in their messages, so they are logged by class name and stack only.
     */
    public static Throwable forLog(Throwable failure) {
        if (!fromDatabase(failure)) {
            return failure;
        }
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " caused by ").append(t.getClass().getName());
            if (t instanceof SQLException sql) {
                chain.append(" (SQLite code ").append(sql.getErrorCode()).append(')');
            }
        }
        RuntimeException scrubbed = new RuntimeException(chain + " [message withheld: it may hold SQL or stored text]", null, false, true) {
        };
        scrubbed.setStackTrace(failure.getStackTrace());
        return scrubbed;
    }

    private static boolean fromDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JdbiException || t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
