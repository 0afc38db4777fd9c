package lethe.db;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema comes only from Liquibase, at startup and from {@code db migrate}; leftovers never block a start. */
class MigrationsTest {

    private static DropwizardTestSupport<LetheConfiguration> appOn(Path db) {
        return new DropwizardTestSupport<>(LetheApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "jdbc:sqlite:" + db));
    }

    private static long count(Path db, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.getLong(1);
        }
    }

    @Test
    void aFreshDatabaseIsMigratedAndAMigratedOneStartsAgainWithItsData() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        DropwizardTestSupport<LetheConfiguration> first = appOn(db);
        first.before();
        Http.to(first.getLocalPort()).as("alice").ingest(Turns.line("kept", "t1", 0, "user", 1700000000, "still here") + "\n");
        first.after();
        long changeSets = count(db, "SELECT count(*) FROM DATABASECHANGELOG");

        DropwizardTestSupport<LetheConfiguration> second = appOn(db);
        second.before();
        try {
            assertThat(Http.to(second.getLocalPort()).as("alice").get("/api/v1/sessions/claude-code/laptop/kept").status()).isEqualTo(200);
            assertThat(count(db, "SELECT count(*) FROM DATABASECHANGELOG")).isEqualTo(changeSets).isPositive();
        } finally {
            second.after();
        }
    }

    @Test
    @Timeout(60)
    void aStaleMigrationLockLeftByAKilledProcessDoesNotHangStartup() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        DropwizardTestSupport<LetheConfiguration> first = appOn(db);
        first.before();
        first.after();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKEDBY = 'killed-host'");
        }

        DropwizardTestSupport<LetheConfiguration> second = appOn(db);
        second.before();
        try {
            assertThat(Http.to(second.getLocalPort()).as("alice").get("/api/v1/sessions").status()).isEqualTo(200);
            assertThat(count(db, "SELECT count(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = 1")).isZero();
        } finally {
            second.after();
        }
    }

    @Test
    void dbMigrateAndDbStatusWorkOnTheSameChangelogAsStartup() throws Exception {
        Path db = LetheApp.freshDatabaseFile();
        Path config = Files.createTempFile("lethe", ".yml");
        Files.writeString(config, "database:\n  url: jdbc:sqlite:" + db + "\nlogging:\n  level: WARN\n");

        new LetheApplication().run("db", "migrate", config.toString());
        assertThat(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('sessions', 'turns')")).isEqualTo(2);

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new LetheApplication().run("db", "status", config.toString());
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("is up to date");

        DropwizardTestSupport<LetheConfiguration> app = appOn(db);
        app.before();
        try {
            assertThat(Http.to(app.getLocalPort()).as("alice").get("/api/v1/sessions").status()).isEqualTo(200);
        } finally {
            app.after();
        }
    }
}
