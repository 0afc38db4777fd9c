package lethe.db;

import java.util.Map;

/**
 * What differs between the two databases lethe runs on, and nothing else: the DAOs hold one SQL text
 * each, and the few fragments that cannot be written the same way for both are named attributes
 * ({@code <utcDay>}, …) that {@link Database} defines on its Jdbi from {@link #fragments()}.
 */
public sealed interface SqlDialect permits SqlDialect.Sqlite, SqlDialect.Postgres {

    SqlDialect SQLITE = new Sqlite();
    SqlDialect POSTGRESQL = new Postgres();

    /** The dialect of a JDBC URL: {@code jdbc:postgresql:} or {@code jdbc:sqlite:}; anything else is refused. */
    static SqlDialect of(String url) {
        if (url != null && url.startsWith(Postgres.URL_PREFIX)) {
            return POSTGRESQL;
        }
        if (url != null && url.startsWith(Sqlite.URL_PREFIX)) {
            return SQLITE;
        }
        throw new DatabaseOpenException("database.url must start with " + Sqlite.URL_PREFIX + " or "
                + Postgres.URL_PREFIX + " (got " + url + ")");
    }

    /** Liquibase's name for the database (the {@code dbms} of a changeset), also the health check's name. */
    String name();

    String driverClass();

    /** The SQL fragments the DAOs name as {@code <attribute>}. */
    Map<String, String> fragments();

    /**
     * Whether writes must queue in this process. SQLite has one writer per file, and a process-wide queue
     * beats racing for the file lock; PostgreSQL takes concurrent writers, from any replica, and the
     * ingest serialises per session through the session row's lock.
     */
    boolean singleWriter();

    /**
     * Whether the search index lives in tables of its own, indexed up to a mark by turn id (SQLite's FTS5
     * tables); on PostgreSQL it is a column of the turn itself, which goes with the turn.
     */
    boolean searchIndexTables();

    /** A query answering 1 when a table of this (unquoted, lower-case) name exists, else 0. */
    String tableExists();

    /**
     * Whether a trigger adds a new turn's usage to {@code usage_quarter_hours}; where not, the ingest does,
     * one statement per bucket ({@code IngestDao.addUsage}), which costs SQLite a fraction of a trigger run
     * per turn (changeSet 82-usage-of-new-turns-by-ingest). PostgreSQL keeps its trigger: in a rolling
     * upgrade, replicas still running the previous version insert turns beside the new ones.
     */
    boolean usageOfNewTurnsByTrigger();

    final class Sqlite implements SqlDialect {

        static final String URL_PREFIX = "jdbc:sqlite:";

        private Sqlite() {
        }

        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public String driverClass() {
            return "org.sqlite.JDBC";
        }

        @Override
        public Map<String, String> fragments() {
            return Map.ofEntries(
                    Map.entry("metaParameter", "json(:meta)"),
                    Map.entry("utcDay", "date(t.timestamp + :offset, 'unixepoch')"),
                    Map.entry("sessionCwd", "json_extract(s.meta, '$.cwd')"),
                    Map.entry("forUpdate", ""),
                    Map.entry("usageDay", "date(u.quarter * 900 + :offset, 'unixepoch')"),
                    Map.entry("usageMonth", "strftime('%Y-%m', u.quarter * 900 + :offset, 'unixepoch')"),
                    Map.entry("sessionKey", "s.owner || char(31) || s.tool || char(31) || s.host || char(31) || s.session_id"),
                    Map.entry("originalMeta", ":original"),
                    Map.entry("replacementMeta", ":replacement"),
                    // octet_length of a column reads the stored size without loading the text.
                    Map.entry("listMeta", "CASE WHEN octet_length(s.meta) <= 16384 THEN s.meta ELSE '{}' END"),
                    // The session's title from its meta, when it is a string, and no more of it than a title
                    // can show: a search hit must not carry a meta that may be megabytes.
                    Map.entry("metaTitle", "CASE WHEN json_type(s.meta, '$.title') = 'text' "
                            + "THEN substr(json_extract(s.meta, '$.title'), 1, 400) END"));
        }

        @Override
        public boolean singleWriter() {
            return true;
        }

        @Override
        public boolean searchIndexTables() {
            return true;
        }

        @Override
        public String tableExists() {
            return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)";
        }

        @Override
        public boolean usageOfNewTurnsByTrigger() {
            return false;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    final class Postgres implements SqlDialect {

        static final String URL_PREFIX = "jdbc:postgresql:";

        private Postgres() {
        }

        @Override
        public String name() {
            return "postgresql";
        }

        @Override
        public String driverClass() {
            return "org.postgresql.Driver";
        }

        @Override
        public Map<String, String> fragments() {
            return Map.ofEntries(
                    Map.entry("metaParameter", "CAST(:meta AS jsonb)"),
                    Map.entry("utcDay", "to_char(to_timestamp(t.timestamp + :offset) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
                    Map.entry("sessionCwd", "s.meta ->> 'cwd'"),
                    Map.entry("forUpdate", "FOR UPDATE"),
                    Map.entry("usageDay", "to_char(to_timestamp(u.quarter * 900 + :offset) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
                    Map.entry("usageMonth", "to_char(to_timestamp(u.quarter * 900 + :offset) AT TIME ZONE 'UTC', 'YYYY-MM')"),
                    Map.entry("sessionKey", "s.owner || chr(31) || s.tool || chr(31) || s.host || chr(31) || s.session_id"),
                    Map.entry("originalMeta", "CAST(:original AS jsonb)"),
                    Map.entry("replacementMeta", "CAST(:replacement AS jsonb)"),
                    Map.entry("listMeta", "CASE WHEN octet_length(CAST(s.meta AS text)) <= 16384 THEN s.meta ELSE '{}'::jsonb END"),
                    Map.entry("metaTitle", "CASE WHEN jsonb_typeof(s.meta -> 'title') = 'string' "
                            + "THEN left(s.meta ->> 'title', 400) END"));
        }

        @Override
        public boolean singleWriter() {
            return false;
        }

        @Override
        public boolean searchIndexTables() {
            return false;
        }

        @Override
        public String tableExists() {
            return "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = lower(?)";
        }

        @Override
        public boolean usageOfNewTurnsByTrigger() {
            return true;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
