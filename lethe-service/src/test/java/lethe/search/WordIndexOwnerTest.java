package lethe.search;

import io.dropwizard.testing.ConfigOverride;
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
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * changeSet 83-turns-fts-owner on a database whose word index predates it: the index is rebuilt with each
 * turn's owner, and deleting or editing turns keeps it exactly in step with what it indexes.
 */
class WordIndexOwnerTest {

    private static final ConfigOverride ALLOWED = ConfigOverride.config("auth.allowed_users", "alice,bob,carol,zoe o'neil smith");

    /** Takes the word index back to its form before the change: one column, every turn indexed. */
    private static void undoOwnerChangeSet(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER turns_fts_after_delete");
            statement.execute("DROP TRIGGER turns_fts_after_update");
            statement.execute("DROP TABLE turns_fts");
            statement.execute("DROP VIEW turns_fts_source");
            statement.execute("""
                    CREATE VIRTUAL TABLE turns_fts USING fts5(
                        content, content = 'turns', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')
                    """);
            statement.execute("INSERT INTO turns_fts (turns_fts) VALUES ('rebuild')");
            statement.execute("""
                    CREATE TRIGGER turns_fts_after_delete AFTER DELETE ON turns
                    WHEN old.id <= (SELECT indexed_up_to FROM fts_progress) BEGIN
                        INSERT INTO turns_fts (turns_fts, rowid, content) VALUES ('delete', old.id, old.content);
                    END
                    """);
            statement.execute("""
                    CREATE TRIGGER turns_fts_after_update AFTER UPDATE OF content ON turns
                    WHEN old.content IS NOT new.content AND old.id <= (SELECT indexed_up_to FROM fts_progress) BEGIN
                        INSERT INTO turns_fts (turns_fts, rowid, content) VALUES ('delete', old.id, old.content);
                        INSERT INTO turns_fts (rowid, content) VALUES (new.id, new.content);
                    END
                    """);
            statement.execute("UPDATE fts_progress SET indexed_up_to = (SELECT max(id) FROM turns)");
            statement.execute("DELETE FROM DATABASECHANGELOG WHERE ID = '83-turns-fts-owner'");
        }
    }

    /** FTS5's own check of the index against its content (every indexed turn, its words and owner). */
    private static void checkWordIndex(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO turns_fts (turns_fts, rank) VALUES ('integrity-check', 1)");
        }
    }

    @Test
    void turnsIndexedBeforeTheOwnerColumnAreFoundAgainEachByItsOwnerOnly() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        DropwizardTestSupport<LetheConfiguration> before = LetheApp.onFile(db, ALLOWED);
        before.before();
        Http.to(before.getLocalPort()).as("alice").ingest(String.join("\n",
                Turns.line("alice-old", "t1", 0, "user", 1700000000, "the kestrel nests here"),
                Turns.line("alice-gone", "t1", 0, "user", 1700000001, "a kestrel to delete"),
                Turns.line("alice-edit", "t1", 0, "user", 1700000002, "a kestrel before the edit")) + "\n");
        Http.to(before.getLocalPort()).as("bob").ingest(
                Turns.line("bob-old", "t1", 0, "user", 1700000000, "bob's kestrel") + "\n");
        before.after();
        undoOwnerChangeSet(db);

        DropwizardTestSupport<LetheConfiguration> after = LetheApp.onFile(db, ALLOWED);
        after.before();
        try {
            Http alice = Http.to(after.getLocalPort()).as("alice");
            assertThat(SearchHits.sessionIds(alice, "kestrel")).containsExactlyInAnyOrder("alice-old", "alice-gone", "alice-edit");
            assertThat(SearchHits.sessionIds(Http.to(after.getLocalPort()).as("bob"), "kestrel")).containsExactly("bob-old");
            checkWordIndex(db);

            assertThat(alice.method("DELETE", "/api/v1/sessions/claude-code/laptop/alice-gone").status()).isEqualTo(204);
            alice.ingest(Turns.line("alice-edit", "t1", 0, "user", 1700000002, "a falcon after the edit") + "\n");

            assertThat(SearchHits.sessionIds(alice, "kestrel")).containsExactly("alice-old");
            assertThat(SearchHits.sessionIds(alice, "falcon")).containsExactly("alice-edit");
            assertThatCode(() -> checkWordIndex(db)).doesNotThrowAnyException();
        } finally {
            after.after();
        }
    }

    @Test
    void anOwnerNamedWithSpacesAndPunctuationHasTheSameTokenInTheIndexAsInItsSearches() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        DropwizardTestSupport<LetheConfiguration> app = LetheApp.onFile(db, ALLOWED);
        app.before();
        try {
            Http zoe = Http.to(app.getLocalPort()).as("zoe o'neil smith");
            Http.Response stored = zoe.ingest(Turns.line("zoe-heron", "t1", 0, "user", 1700000000, "a heron waits") + "\n");
            assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
            Http.to(app.getLocalPort()).as("bob").ingest(
                    Turns.line("bob-heron", "t1", 0, "user", 1700000000, "bob's heron") + "\n");

            assertThat(SearchHits.sessionIds(zoe, "heron")).containsExactly("zoe-heron");
            checkWordIndex(db);
        } finally {
            app.after();
        }
    }
}
