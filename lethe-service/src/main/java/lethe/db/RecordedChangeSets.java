package lethe.db;

import javax.sql.DataSource;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a database already records every changeset of the changelog as run, read without Liquibase.
 *
 * <p>Starting Liquibase costs about 0.7 s of a 3 s start, even when it then finds nothing to do, which
 * is every start but the first after an upgrade. When this says the schema is current, startup skips it;
 * {@code db migrate} always runs Liquibase in full, checksums included.
 */
final class RecordedChangeSets {

    private RecordedChangeSets() {
    }

    /** True only when every changeset is recorded; false whenever in doubt, so that Liquibase runs. */
    static boolean allRecorded(DataSource dataSource, String changelog, SqlDialect dialect) throws SQLException {
        Optional<Set<String>> declared = declared(changelog, dialect);
        if (declared.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection, dialect)) {
                return false;
            }
            Set<String> recorded = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT ID, AUTHOR FROM DATABASECHANGELOG WHERE FILENAME = ?")) {
                query.setString(1, changelog);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        recorded.add(key(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return recorded.containsAll(declared.get());
        }
    }

    /**
     * The changelog's changesets for this database (those without {@code dbms} or naming it) as
     * id/author keys; empty when it has anything Liquibase must judge for itself (an include, a
     * changeset that runs always or on change).
     */
    private static Optional<Set<String>> declared(String changelog, SqlDialect dialect) {
        try (InputStream xml = RecordedChangeSets.class.getClassLoader().getResourceAsStream(changelog)) {
            if (xml == null) {
                return Optional.empty();
            }
            XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(xml);
            Set<String> keys = new HashSet<>();
            while (reader.hasNext()) {
                if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String element = reader.getLocalName();
                if (element.equals("include") || element.equals("includeAll")) {
                    return Optional.empty();
                }
                if (element.equals("changeSet")) {
                    if ("true".equals(reader.getAttributeValue(null, "runAlways"))
                            || "true".equals(reader.getAttributeValue(null, "runOnChange"))) {
                        return Optional.empty();
                    }
                    if (appliesTo(reader.getAttributeValue(null, "dbms"), dialect)) {
                        keys.add(key(reader.getAttributeValue(null, "id"), reader.getAttributeValue(null, "author")));
                    }
                }
            }
            return keys.isEmpty() ? Optional.empty() : Optional.of(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
    }

    /** Liquibase's {@code dbms} attribute: a comma-separated list of names, or absent for every database. */
    private static boolean appliesTo(String dbms, SqlDialect dialect) {
        if (dbms == null || dbms.isBlank()) {
            return true;
        }
        for (String name : dbms.split(",")) {
            if (name.trim().equals(dialect.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean tableExists(Connection connection, SqlDialect dialect) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(dialect.tableExists())) {
            query.setString(1, "DATABASECHANGELOG");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    private static String key(String id, String author) {
        return id + "\u0000" + author;
    }
}
