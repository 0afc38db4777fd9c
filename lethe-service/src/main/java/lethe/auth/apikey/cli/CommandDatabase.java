package lethe.auth.apikey.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import lethe.LetheConfiguration;
import lethe.db.Database;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import org.eclipse.jetty.util.component.LifeCycle;

import java.util.List;
import java.util.Map;

/**
 * The database of a config file, opened for a command of the jar exactly as the server opens it
 * (pragmas, pending migrations), and closed again when the command is done. Safe beside a running
 * server: SQLite takes the write lock per IMMEDIATE transaction and waits out the busy timeout.
 */
public final class CommandDatabase implements AutoCloseable {

    private final List<LifeCycle> managed;
    private final Database database;

    private CommandDatabase(List<LifeCycle> managed, Database database) {
        this.managed = managed;
        this.database = database;
    }

    public static CommandDatabase open(Bootstrap<LetheConfiguration> bootstrap, LetheConfiguration config) throws Exception {
        Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
                bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
                bootstrap.getHealthCheckRegistry(), config);
        // Liquibase prints its migration report to stdout; a command's stdout is for its own answer.
        Database database = Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.command.showSummaryOutput", "LOG"),
                () -> Database.open(environment, config.getDatabase()));
        List<LifeCycle> managed = environment.lifecycle().getManagedObjects();
        for (LifeCycle object : managed) {
            object.start();
        }
        return new CommandDatabase(managed, database);
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() throws Exception {
        for (int i = managed.size() - 1; i >= 0; i--) {
            managed.get(i).stop();
        }
    }
}
