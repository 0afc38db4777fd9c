package lethe.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import lethe.LetheApplication;
import lethe.LetheConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real lethe application on a fresh, real database, started from {@code test-config.yml} plus
 * per-test overrides: a SQLite file in a new temporary directory, or a new database on the test
 * PostgreSQL when the tests run with {@code -Dlethe.test.backend=postgres} (see {@link TestBackend}).
 * Use as a static {@code @RegisterExtension} field.
 */
public final class LetheApp {

    private LetheApp() {
    }

    public static DropwizardAppExtension<LetheConfiguration> start(ConfigOverride... overrides) {
        return start("test-config.yml", overrides);
    }

    public static DropwizardAppExtension<LetheConfiguration> start(String configResource, ConfigOverride... overrides) {
        TestBackend backend = TestBackend.current();
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.config("database.url", backend.freshDatabaseUrl()));
        all.add(ConfigOverride.config("database.user", backend.user()));
        all.addAll(List.of(overrides));
        return new DropwizardAppExtension<>(LetheApplication.class, ResourceHelpers.resourceFilePath(configResource),
                all.toArray(ConfigOverride[]::new));
    }

    /**
     * lethe on the SQLite file {@code db}, started and stopped by the test itself ({@code before()},
     * {@code after()}): for a database that outlives one run of lethe, as across an upgrade.
     */
    public static DropwizardTestSupport<LetheConfiguration> onFile(Path db, ConfigOverride... more) {
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.config("database.url", "jdbc:sqlite:" + db));
        all.addAll(List.of(more));
        return new DropwizardTestSupport<>(LetheApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                all.toArray(ConfigOverride[]::new));
    }

    public static Path freshDatabaseFile() {
        try {
            return Files.createTempDirectory("lethe-test").resolve("lethe.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQLite file a running app stores into, read back from its configuration; for SQLite-only tests. */
    public static Path databaseFile(DropwizardAppExtension<LetheConfiguration> app) {
        String url = app.getConfiguration().getDatabase().getUrl();
        if (!url.startsWith("jdbc:sqlite:")) {
            throw new IllegalStateException("this test reads the SQLite file itself and cannot run on " + url);
        }
        return Path.of(url.substring("jdbc:sqlite:".length()));
    }
}
