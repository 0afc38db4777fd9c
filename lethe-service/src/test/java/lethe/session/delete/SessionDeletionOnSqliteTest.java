package lethe.session.delete;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §15 on SQLite's own storage: a deleted session leaves no byte of its text in the database file or
 * its write-ahead log. Apart from {@link SessionDeletionTest}, which runs on PostgreSQL too, because these
 * read the SQLite file and its pragmas.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionDeletionOnSqliteTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    private static void send(String user, String sessionId, String word) {
        String usage = ",\"usage\":{\"input_tokens\":1200,\"output_tokens\":340}";
        Http.Response response = as(user).ingest(Turns.line(sessionId, "t1", 0, "user", 1700000000, "please remember " + word) + "\n"
                + Turns.line(sessionId, "t2", 1, "assistant", 1700000001, "I keep " + word + " safe").replace("}", usage + "}") + "\n");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static String fileBytes() throws IOException {
        Path db = LetheApp.databaseFile(APP);
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(db.getParent())) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("lethe.db")).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    /** The usage the stats and cost pages read (lethe.usage keeps it per quarter hour). */
    private static long usageInputTokens(String owner) throws SQLException {
        try (Connection connection = DriverManager.getConnection(APP.getConfiguration().getDatabase().getUrl());
             Statement statement = connection.createStatement();
             ResultSet sum = statement.executeQuery("SELECT coalesce(sum(input_tokens), 0) FROM usage_quarter_hours WHERE owner = '" + owner + "'")) {
            sum.next();
            return sum.getLong(1);
        }
    }

    @Test
    void theOwnerDeletesASessionAndNothingOfItRemainsNotEvenInTheDatabaseFile() throws IOException, SQLException {
        send("dave", "doomed", "quuxzanzibar");
        send("dave", "kept", "keptwordalpha");
        assertThat(as("dave").get("/api/v1/search?group=turn&q=quuxzanzibar").json().get("hits")).hasSize(2);
        assertThat(fileBytes()).contains("quuxzanzibar");
        assertThat(usageInputTokens("dave")).isEqualTo(2400);

        Http.Response deleted = as("dave").method("DELETE", "/api/v1/sessions/claude-code/laptop/doomed");

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(as("dave").get("/api/v1/sessions/claude-code/laptop/doomed").status()).isEqualTo(404);
        assertThat(as("dave").get("/api/v1/sessions").json().get("sessions").findValuesAsText("session_id"))
                .contains("kept").doesNotContain("doomed");
        assertThat(as("dave").get("/api/v1/search?group=turn&q=quuxzanzibar").json().get("hits")).isEmpty();
        Http.Response kept = as("dave").get("/api/v1/search?group=turn&q=keptwordalpha");
        assertThat(kept.json().get("hits")).as(kept.toString()).hasSize(2);
        assertThat(as("dave").get("/sessions/claude-code/laptop/doomed").status()).isEqualTo(404);
        assertThat(usageInputTokens("dave")).isEqualTo(1200);
        assertThat(fileBytes()).doesNotContain("quuxzanzibar").contains("keptwordalpha");
    }

    @Test
    void connectionsAsTheServerOpensThemOverwriteDeletedContent() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(APP.getConfiguration().getDatabase().getProperties());
        try (Connection connection = DriverManager.getConnection(APP.getConfiguration().getDatabase().getUrl(), properties);
             Statement statement = connection.createStatement();
             ResultSet pragma = statement.executeQuery("PRAGMA secure_delete")) {
            assertThat(pragma.next()).isTrue();
            assertThat(pragma.getInt(1)).isEqualTo(1);
        }
    }
}
