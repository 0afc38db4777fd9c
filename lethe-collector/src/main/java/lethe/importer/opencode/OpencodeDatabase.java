package lethe.importer.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.TurnEvent;
import lethe.importer.FileTally;
import lethe.importer.ImportReport;
import lethe.importer.sources.Labels;
import lethe.importer.sources.Unit;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * opencode's SQLite database ({@code opencode.db}, opencode ≥ 1.2), read without ever getting in a running
 * opencode's way: opened read-only (no write, no journal-mode change, no checkpoint), with a busy timeout
 * for the moment a writer commits, and only for as long as one read takes, so it never holds a snapshot
 * that keeps opencode's write-ahead log from being checkpointed.
 *
 * <p>Each session is a unit whose stamp is made of its own update time and the count and latest update
 * time of its messages and parts: any change opencode makes to a session changes it.
 */
final class OpencodeDatabase {

    static final int BUSY_TIMEOUT_MS = 5000;

    /** Every session with what its stamp is made of; one pass over each table, not one query per session. */
    private static final String SESSIONS = """
            SELECT s.*,
                   (SELECT count(*) || ':' || ifnull(max(m.time_updated), 0) || ':' || ifnull(max(m.time_created), 0)
                      FROM message m WHERE m.session_id = s.id) AS message_stamp,
                   (SELECT count(*) || ':' || ifnull(max(p.time_updated), 0) || ':' || ifnull(max(p.time_created), 0)
                      FROM part p WHERE p.session_id = s.id) AS part_stamp
              FROM session s
             ORDER BY s.time_created, s.id
            """;
    /** A session's messages in opencode's own order: creation time, then id. */
    private static final String MESSAGES = """
            SELECT id, data FROM message WHERE session_id = ? ORDER BY time_created, id
            """;
    /** A session's parts; within a message, opencode orders them by id (ids grow with time). */
    private static final String PARTS = """
            SELECT id, message_id, data FROM part WHERE session_id = ? ORDER BY message_id, id
            """;

    private final Path file;
    private final Path home;
    private final ObjectMapper json;
    private final OpencodeMapper mapper;

    OpencodeDatabase(Path file, Path home, ObjectMapper json, OpencodeMapper mapper) {
        this.file = file;
        this.home = home;
        this.json = json;
        this.mapper = mapper;
    }

    /** A read-only connection that waits for a committing writer rather than failing. */
    Connection open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    List<Unit> units(ImportReport report, Set<String> sessionIds) throws IOException {
        List<Unit> units = new ArrayList<>();
        try (Connection connection = open();
             PreparedStatement statement = connection.prepareStatement(SESSIONS);
             ResultSet rows = statement.executeQuery()) {
            Set<String> columns = columns(rows.getMetaData());
            while (rows.next()) {
                Map<String, String> session = new HashMap<>();
                for (String column : List.of("id", "parent_id", "directory", "title", "version", "time_created", "time_updated")) {
                    session.put(column, columns.contains(column) ? rows.getString(column) : null);
                }
                String stamp = session.get("time_updated") + "/" + rows.getString("message_stamp") + "/"
                        + rows.getString("part_stamp");
                sessionIds.add(session.get("id"));
                units.add(new SessionUnit(session, stamp));
            }
        } catch (SQLException e) {
            report.problem("cannot read " + Labels.of(file, home) + ": " + e.getMessage());
        }
        return units;
    }

    private static Set<String> columns(ResultSetMetaData metadata) throws SQLException {
        Set<String> columns = new HashSet<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            columns.add(metadata.getColumnLabel(i));
        }
        return columns;
    }

    private final class SessionUnit implements Unit {

        private final Map<String, String> session;
        private final String stamp;

        SessionUnit(Map<String, String> session, String stamp) {
            this.session = session;
            this.stamp = stamp;
        }

        @Override
        public String key() {
            return "db:" + session.get("id");
        }

        @Override
        public String label() {
            return Labels.of(file, home) + " session " + session.get("id");
        }

        @Override
        public String stamp() {
            return stamp;
        }

        @Override
        public List<TurnEvent> turns(FileTally tally) throws IOException {
            String id = session.get("id");
            Map<String, OpencodeSession.Message> messages = new LinkedHashMap<>();
            try (Connection connection = open()) {
                // One read transaction: messages and parts from the same snapshot of the database.
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(MESSAGES)) {
                    statement.setString(1, id);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            JsonNode info = parse(rows.getString("data"), tally, "message " + rows.getString("id"));
                            if (info != null) {
                                messages.put(rows.getString("id"),
                                        new OpencodeSession.Message(rows.getString("id"), info, new ArrayList<>()));
                            }
                        }
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(PARTS)) {
                    statement.setString(1, id);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            OpencodeSession.Message message = messages.get(rows.getString("message_id"));
                            JsonNode data = parse(rows.getString("data"), tally, "part " + rows.getString("id"));
                            if (message == null) {
                                tally.skipped("part of a message not in the session");
                            } else if (data != null) {
                                message.parts().add(new OpencodeSession.Part(rows.getString("id"), data));
                            }
                        }
                    }
                }
                connection.rollback();
            } catch (SQLException e) {
                throw new Unit.Unreadable("cannot read the session from the database: " + e.getMessage());
            }
            double created = parseDouble(session.get("time_created"));
            OpencodeSession read = new OpencodeSession(id, session.get("parent_id"), session.get("directory"),
                    session.get("title"), session.get("version"), created / 1000, Labels.of(file, home),
                    List.copyOf(messages.values()));
            return mapper.map(read, tally);
        }
    }

    private JsonNode parse(String data, FileTally tally, String what) {
        try {
            JsonNode node = json.readTree(data == null ? "" : data);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException unreadable) {
            // Reported below with what it was.
        }
        tally.malformed(0, what + ": data is not a JSON object");
        return null;
    }

    private static double parseDouble(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException notNumber) {
            return 0;
        }
    }
}
