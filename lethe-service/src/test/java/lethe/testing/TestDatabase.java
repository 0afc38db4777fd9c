package lethe.testing;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import jakarta.validation.Validation;
import lethe.LetheConfiguration;
import lethe.db.Database;
import org.eclipse.jetty.util.component.LifeCycle;

import java.nio.file.Path;

/** lethe's {@link Database} on a fresh SQLite file, opened as the server opens it, without a server around it. */
public final class TestDatabase implements AutoCloseable {

    private final Environment environment;
    private final Database database;
    private final Path file;

    private TestDatabase(Environment environment, Database database, Path file) {
        this.environment = environment;
        this.database = database;
        this.file = file;
    }

    public static TestDatabase fresh() {
        Path file = LetheApp.freshDatabaseFile();
        LetheConfiguration config = new LetheConfiguration();
        config.getDatabase().setUrl("jdbc:sqlite:" + file);
        Environment environment = new Environment("lethe-test", Jackson.newObjectMapper(),
                Validation.buildDefaultValidatorFactory(), new MetricRegistry(), TestDatabase.class.getClassLoader(),
                new HealthCheckRegistry(), config);
        Database database = Database.open(environment, config.getDatabase());
        try {
            for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
                managed.start();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new TestDatabase(environment, database, file);
    }

    public Database database() {
        return database;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws Exception {
        for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
            managed.stop();
        }
    }
}
