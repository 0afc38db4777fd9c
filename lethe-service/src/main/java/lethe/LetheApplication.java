package lethe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.MigrationsBundle;
import lethe.auth.AuthChain;
import lethe.auth.AuthFailureListener;
import lethe.config.LetheConfigurationFactoryFactory;
import lethe.config.StartupChecks;
import lethe.db.Database;
import lethe.db.DatabaseDefaults;
import lethe.db.Migrations;
import lethe.db.SqliteFile;
import lethe.ingest.CloseConnectionOnRefusedBody;
import lethe.ingest.IngestListener;
import lethe.json.PlainNumbers;
import lethe.ingest.IngestResource;
import lethe.ingest.IngestService;
import lethe.ingest.OwnGzipDecoding;
import lethe.problem.ProblemExceptionMapper;
import lethe.problem.ProblemResponses;
import lethe.session.SessionResource;
import lethe.session.SessionService;
import lethe.ui.PlainErrorPages;
import org.glassfish.jersey.server.ServerProperties;

import java.util.List;

/** lethe: a private store for AI coding-assistant transcripts. */
public class LetheApplication extends Application<LetheConfiguration> {

    public static void main(String[] args) throws Exception {
        new LetheApplication().run(args);
    }

    @Override
    public String getName() {
        return "lethe";
    }

    @Override
    public void initialize(Bootstrap<LetheConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.setConfigurationFactoryFactory(new LetheConfigurationFactoryFactory());
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(LetheConfiguration configuration) {
                DataSourceFactory database = configuration.getDatabase();
                DatabaseDefaults.applyMissingPragmas(database);
                SqliteFile.prepare(database.getUrl());
                return database;
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.CHANGELOG;
            }
        });
    }

    @Override
    public void run(LetheConfiguration config, Environment environment) {
        StartupChecks.verify(config);
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            // Every error must come out as a problem document; Dropwizard's own mappers write other shapes.
            server.setRegisterDefaultExceptionMappers(false);
        }
        environment.jersey().property(ServerProperties.WADL_FEATURE_DISABLE, true);

        ObjectMapper mapper = environment.getObjectMapper().registerModule(PlainNumbers.module());
        Database database = Database.open(environment, config.getDatabase());

        environment.jersey().register(new ProblemExceptionMapper(new ProblemResponses(new PlainErrorPages())));
        AuthChain.install(environment.jersey(), config.getAuth(), List.of(), AuthFailureListener.NONE);

        environment.lifecycle().addEventListener(new OwnGzipDecoding());
        environment.jersey().register(new CloseConnectionOnRefusedBody(config.getIngest().getMaxBodyBytes()));
        environment.jersey().register(new IngestResource(
                new IngestService(database, config.getIngest(), mapper, IngestListener.NONE)));
        environment.jersey().register(new SessionResource(new SessionService(database.jdbi(), mapper)));
    }
}
