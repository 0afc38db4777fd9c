package lethe.db;

import lethe.LetheApplication;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Startup skips Liquibase only when the database records every changeset of the changelog. */
class RecordedChangeSetsTest {

    private static SQLiteDataSource dataSource(Path db) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + db);
        return dataSource;
    }

    private static Path migratedDatabase() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        Path config = Files.createTempFile("lethe", ".yml");
        Files.writeString(config, "database:\n  url: jdbc:sqlite:" + db + "\nlogging:\n  level: WARN\n");
        new LetheApplication().run("db", "migrate", config.toString());
        return db;
    }

    @Test
    void aFreshDatabaseNeedsLiquibase() throws Exception {
        assertThat(RecordedChangeSets.allRecorded(dataSource(LetheApp.freshDatabaseFile()), Migrations.CHANGELOG, SqlDialect.SQLITE)).isFalse();
    }

    @Test
    void aMigratedDatabaseRecordsEveryChangeSet() throws Exception {
        assertThat(RecordedChangeSets.allRecorded(dataSource(migratedDatabase()), Migrations.CHANGELOG, SqlDialect.SQLITE)).isTrue();
    }

    @Test
    void aDatabaseMissingOneChangeSetNeedsLiquibase() throws Exception {
        SQLiteDataSource migrated = migratedThen("DELETE FROM DATABASECHANGELOG WHERE ID = (SELECT max(ID) FROM DATABASECHANGELOG)");

        assertThat(RecordedChangeSets.allRecorded(migrated, Migrations.CHANGELOG, SqlDialect.SQLITE)).isFalse();
    }

    @Test
    void changeSetsRecordedUnderAnotherChangelogPathDoNotCount() throws Exception {
        SQLiteDataSource migrated = migratedThen("UPDATE DATABASECHANGELOG SET FILENAME = 'classpath:/old/migrations.xml'");

        assertThat(RecordedChangeSets.allRecorded(migrated, Migrations.CHANGELOG, SqlDialect.SQLITE)).isFalse();
    }

    /** A migrated database whose changelog table was then changed by {@code sql}. */
    private static SQLiteDataSource migratedThen(String sql) throws Exception {
        SQLiteDataSource migrated = dataSource(migratedDatabase());
        try (Connection connection = migrated.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
        return migrated;
    }
}
