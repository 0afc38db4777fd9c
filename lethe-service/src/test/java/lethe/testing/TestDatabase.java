package lethe.testing;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import jakarta.validation.Validation;
import lethe.LetheConfiguration;
import lethe.db.Database;
import org.eclipse.jetty.util.component.LifeCycle;

import java.util.Map;


/**
 * lethe's {@link Database} on a fresh database of the tests' backend (see {@link TestBackend}), opened
 * as the server opens it, without a server around it.
 */
public final class TestDatabase implements AutoCloseable {

    private final Environment environment;
    private final Database database;
    private final String url;
    private final String user;

    private TestDatabase(Environment environment, Database database, String url, String user) {
        this.environment = environment;
        this.database = database;
        this.url = url;
        this.user = user;
    }

    public static TestDatabase fresh() {
        return fresh(Map.of());
    }

    /** The same with these entries of the operator's {@code database.properties}. */
    public static TestDatabase fresh(Map<String, String> properties) {
        TestBackend backend = TestBackend.current();
        String url = backend.freshDatabaseUrl();
        LetheConfiguration config = new LetheConfiguration();
        config.getDatabase().setUrl(url);
        config.getDatabase().setUser(backend.user());
        config.getDatabase().setProperties(properties);
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
        return new TestDatabase(environment, database, url, backend.user());
    }

    public Database database() {
        return database;
    }

    /** A connection of the test's own to the same database. */
    public DatabaseProbe probe() {
        return DatabaseProbe.open(url, user);
    }

    @Override
    public void close() throws Exception {
        for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
            managed.stop();
        }
    }
}
