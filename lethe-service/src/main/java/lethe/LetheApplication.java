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
import io.dropwizard.validation.BaseValidator;
import lethe.auth.AuthChain;
import lethe.auth.BearerVerifier;
import lethe.auth.MeResource;
import lethe.auth.oidc.OidcAuthentication;
import lethe.backup.BackupCommand;
import lethe.auth.apikey.ApiKeys;
import lethe.auth.apikey.cli.KeysCommand;
import lethe.cli.CollectorCommandAdapter;
import lethe.config.JsonPropertyNames;
import lethe.config.LetheConfigurationFactoryFactory;
import lethe.config.StartupChecks;
import lethe.db.CheckpointOnStop;
import lethe.db.Database;
import lethe.db.DatabaseDefaults;
import lethe.db.Migrations;
import lethe.db.SqlDialect;
import lethe.db.SqliteFile;
import lethe.export.SessionExport;
import lethe.files.FileIndex;
import lethe.files.FilesBackfill;
import lethe.files.TouchedFiles;
import lethe.guard.AdminLockdown;
import lethe.guard.RequestGuards;
import lethe.guard.SlowClients;
import lethe.auth.TrustedProxies;
import lethe.health.OperationsEndpoints;
import lethe.importer.ImportCommand;
import lethe.ingest.IngestResource;
import lethe.ingest.IngestService;
import lethe.ingest.LargeBodyGate;
import lethe.ingest.CloseConnectionOnRefusedBody;
import lethe.ingest.OwnGzipDecoding;
import lethe.json.PlainNumbers;
import lethe.logging.IngestLog;
import lethe.logging.RequestLogging;
import lethe.metrics.LetheMetrics;
import lethe.login.LoginCommand;
import lethe.problem.JettyProblemErrorHandler;
import lethe.problem.ProblemExceptionMapper;
import lethe.problem.ProblemWriter;
import lethe.ratelimit.RateLimits;
import lethe.redact.RedactCommand;
import lethe.redact.Redactor;
import lethe.search.SearchIndexer;
import lethe.search.SearchResource;
import lethe.search.SearchService;
import lethe.session.SessionResource;
import lethe.session.SessionService;
import lethe.session.delete.DeletionResource;
import lethe.session.delete.SessionDeletion;
import lethe.session.delete.SessionsCommand;
import lethe.stats.StatsService;
import lethe.ui.LetheUiBundle;
import lethe.usage.PriceTable;
import lethe.usage.UsageResource;
import lethe.usage.UsageService;
import lethe.web.DatabaseTranscriptReader;
import org.glassfish.jersey.server.ServerProperties;

import java.util.ArrayList;
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
        bootstrap.setValidatorFactory(BaseValidator.newConfiguration()
                .propertyNodeNameProvider(new JsonPropertyNames())
                .buildValidatorFactory());
        bootstrap.addCommand(new KeysCommand());
        bootstrap.addCommand(new CollectorCommandAdapter(new LoginCommand()));
        bootstrap.addCommand(new CollectorCommandAdapter(new ImportCommand()));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(LetheConfiguration configuration) {
                DataSourceFactory database = configuration.getDatabase();
                DatabaseDefaults.applyMissingSettings(database);
                if (SqlDialect.of(database.getUrl()) == SqlDialect.SQLITE) {
                    SqliteFile.prepare(database.getUrl());
                }
                return database;
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.CHANGELOG;
            }
        });
        bootstrap.addCommand(new BackupCommand());
        bootstrap.addCommand(new SessionsCommand());
        bootstrap.addCommand(new RedactCommand());
    }

    @Override
    public void run(LetheConfiguration config, Environment environment) {
        StartupChecks.verify(config);
        // Before anything listens: a redaction rule the config gets wrong stops the start, naming its key.
        Redactor redactor = config.getRedaction().redactor();
        PriceTable prices = config.getPricing().load(environment.getObjectMapper());
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            // Every error must come out as a problem document; Dropwizard's own mappers write other shapes.
            server.setRegisterDefaultExceptionMappers(false);
        }
        environment.jersey().property(ServerProperties.WADL_FEATURE_DISABLE, true);

        ObjectMapper mapper = environment.getObjectMapper().registerModule(PlainNumbers.module());
        Database database = Database.open(environment, config.getDatabase());
        // Managed objects stop in reverse order: this runs after requests drained, before the pool closes.
        environment.lifecycle().manage(new CheckpointOnStop(database));
        RequestLogging.install(environment);
        OperationsEndpoints.install(environment);
        LetheMetrics metrics = LetheMetrics.install(environment, database, config.getPrometheus());

        UsageService usage = new UsageService(database.jdbi(), prices);
        SessionService sessions = new SessionService(database.jdbi(), mapper, usage);
        SearchIndexer indexer = new SearchIndexer(database);
        // Registered after CheckpointOnStop, so it stops first.
        environment.lifecycle().manage(indexer);
        environment.metrics().gauge("lethe.search.index_pending", () -> indexer::pending);
        // Turns stored before the files index existed get their files in the background (lethe.files).
        FilesBackfill filesBackfill = new FilesBackfill(database, new FileIndex(new TouchedFiles(mapper)));
        environment.lifecycle().manage(filesBackfill);
        environment.metrics().gauge("lethe.files.backfill_pending", () -> filesBackfill::pending);
        SearchService search = new SearchService(database.jdbi(), database.dialect(), indexer);
        LetheUiBundle ui = new LetheUiBundle(
                new DatabaseTranscriptReader(sessions, new StatsService(database.jdbi()), search, usage), config.getUi());
        // One writer for every error, whoever refuses the request: Jersey, a servlet filter or Jetty itself.
        ProblemWriter problems = new ProblemWriter(mapper, ui.errorPages());
        environment.jersey().register(new ProblemExceptionMapper(problems));
        environment.lifecycle().addEventListener(new JettyProblemErrorHandler(problems).installer());
        boolean forwardAuthOn = config.getAuth().getForwardAuth().isEnabled() && !config.getAuth().isLocalMode();
        RequestGuards.install(environment, config.getServerNames(), problems);
        AdminLockdown.install(environment, problems);
        SlowClients.install(environment, config.getRequestLimits(),
                new TrustedProxies(forwardAuthOn ? config.getAuth().getForwardAuth().getTrustedProxies() : List.of()),
                problems);
        ApiKeys apiKeys = ApiKeys.install(environment, database);
        List<BearerVerifier> bearerVerifiers = new ArrayList<>();
        // API keys first: a lethe_ key must never reach the JWT parser.
        bearerVerifiers.add(apiKeys.verifier());
        OidcAuthentication.install(config.getAuth(), environment).ifPresent(bearerVerifiers::add);
        AuthChain.install(environment.jersey(), config.getAuth(), bearerVerifiers, metrics.authFailureListener());
        RateLimits.install(environment, config.getRateLimits(), config.getAuth());
        environment.jersey().register(new MeResource());

        environment.lifecycle().addEventListener(new OwnGzipDecoding());
        environment.jersey().register(new CloseConnectionOnRefusedBody(config.getIngest().getMaxBodyBytes()));
        environment.jersey().register(new IngestResource(
                new IngestService(database, config.getIngest(), mapper,
                metrics.ingestListener().andThen(new IngestLog()).andThen(indexer),
                LargeBodyGate.sizedToHeap(), redactor, metrics.redactionListener())));
        SessionDeletion deletion = new SessionDeletion(database);
        environment.jersey().register(new SessionResource(sessions, new SessionExport(mapper), deletion, mapper));
        environment.jersey().register(new SearchResource(search));
        environment.jersey().register(new DeletionResource(deletion));
        environment.jersey().register(new UsageResource(usage, config.getUi().getTimeZone()));
        ui.run(config, environment);
        environment.lifecycle().addServerLifecycleListener(new ReadyLine(config.getAuth()));
    }
}
