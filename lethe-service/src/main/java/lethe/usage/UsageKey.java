package lethe.usage;

import java.util.Locale;
import java.util.Optional;

/**
 * What usage can be grouped by, with the SQL that computes each key. Only these fragments ever reach the
 * SQL text; user input picks among them and never becomes SQL itself.
 */
public enum UsageKey {
    /** Fragments in angle brackets are the database's own (lethe.db.SqlDialect). */
    DAY("<usageDay>"),
    MONTH("<usageMonth>"),
    MODEL("u.model"),
    TOOL("s.tool"),
    HOST("s.host"),
    PROJECT("<sessionCwd>"),
    /** A session is named by its owner, tool, host and id: four columns, read back by {@link UsageDao}. */
    SESSION("<sessionKey>");

    final String sql;

    UsageKey(String sql) {
        this.sql = sql;
    }

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UsageKey> fromParam(String value) {
        for (UsageKey key : values()) {
            if (key.param().equals(value)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Keys that need a day boundary, and so the viewer's zone. */
    boolean byTime() {
        return this == DAY || this == MONTH;
    }
}
