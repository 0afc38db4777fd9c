package lethe.testing;

import io.dropwizard.testing.ConfigOverride;
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
 * The real lethe application on a real SQLite file in a fresh temporary directory, started from
 * {@code test-config.yml} plus per-test overrides. Use as a static {@code @RegisterExtension} field.
 */
public final class LetheApp {

    private LetheApp() {
    }

    public static DropwizardAppExtension<LetheConfiguration> start(ConfigOverride... overrides) {
        return start("test-config.yml", overrides);
    }

    public static DropwizardAppExtension<LetheConfiguration> start(String configResource, ConfigOverride... overrides) {
        Path db = freshDatabaseFile();
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.config("database.url", "jdbc:sqlite:" + db));
        all.addAll(List.of(overrides));
        return new DropwizardAppExtension<>(LetheApplication.class, ResourceHelpers.resourceFilePath(configResource),
                all.toArray(ConfigOverride[]::new));
    }

    public static Path freshDatabaseFile() {
        try {
            return Files.createTempDirectory("lethe-test").resolve("lethe.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file a running app stores into, read back from its configuration. */
    public static Path databaseFile(DropwizardAppExtension<LetheConfiguration> app) {
        return Path.of(app.getConfiguration().getDatabase().getUrl().substring("jdbc:sqlite:".length()));
    }
}
