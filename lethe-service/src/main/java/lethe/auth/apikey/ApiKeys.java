package lethe.auth.apikey;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import lethe.auth.BearerVerifier;
import lethe.db.Database;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Per-user API keys in the running server: the API, the bearer verifier and the last-use flusher. */
public final class ApiKeys {

    /** How often last-use times go to the database: at most one write per key per period. */
    static final long FLUSH_PERIOD_SECONDS = 60;

    private final ApiKeyVerifier verifier;

    private ApiKeys(ApiKeyVerifier verifier) {
        this.verifier = verifier;
    }

    public static ApiKeys install(Environment environment, Database database) {
        ApiKeyUsage usage = new ApiKeyUsage(database);
        ApiKeyService service = new ApiKeyService(database, usage);
        environment.jersey().register(new ApiKeyResource(service));
        ScheduledExecutorService flusher = environment.lifecycle().scheduledExecutorService("api-key-usage").build();
        flusher.scheduleWithFixedDelay(usage::flush, FLUSH_PERIOD_SECONDS, FLUSH_PERIOD_SECONDS, TimeUnit.SECONDS);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                usage.flush();
            }
        });
        return new ApiKeys(new ApiKeyVerifier(service));
    }

    /** Goes first in the bearer verifiers: a {@code lethe_} key must never reach a JWT parser. */
    public BearerVerifier verifier() {
        return verifier;
    }
}
