package lethe.search;

import io.dropwizard.testing.DropwizardTestSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.SearchHits;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** changeSet 60-turns-trigram on a database that already holds turns: they become searchable by substring. */
class TrigramReindexTest {

    /** Takes the database back to before the trigram index existed, as a database from an older lethe is. */
    private static void undoTrigramChangeSet(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER turns_trigram_after_delete");
            statement.execute("DROP TRIGGER turns_trigram_after_update");
            statement.execute("DROP TABLE turns_trigram");
            statement.execute("ALTER TABLE fts_progress DROP COLUMN trigram_up_to");
            statement.execute("DELETE FROM DATABASECHANGELOG WHERE ID = '60-turns-trigram'");
        }
    }

    @Test
    void turnsStoredBeforeTheTrigramIndexBecomeSearchableBySubstringInTheBackground() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        DropwizardTestSupport<LetheConfiguration> before = LetheApp.onFile(db);
        before.before();
        Http.to(before.getLocalPort()).as("alice").ingest(String.join("\n",
                Turns.line("old-ja", "t1", 0, "user", 1700000000, "リポジトリを「最新の状態に」して"),
                Turns.line("old-code", "t1", 0, "assistant", 1700000010, "dispatch(useTodosReducer)")) + "\n");
        // A search first indexes what is pending (a few turns here), so both indexes hold these turns.
        assertThat(Http.to(before.getLocalPort()).as("alice").get("/api/v1/search?group=turn&q=dispatch").json()
                .get("index_pending").asLong()).isZero();
        before.after();
        undoTrigramChangeSet(db);

        DropwizardTestSupport<LetheConfiguration> after = LetheApp.onFile(db);
        after.before();
        try {
            Http alice = Http.to(after.getLocalPort()).as("alice");
            assertThat(SearchHits.sessionIds(alice, "最新の状態")).containsExactly("old-ja");
            assertThat(SearchHits.sessionIds(alice, "*Todos")).containsExactly("old-code");
            assertThat(alice.get("/api/v1/search?group=turn&q=dispatch").json().get("index_pending").asLong()).isZero();
        } finally {
            after.after();
        }
    }
}
