package lethe.health;

import io.dropwizard.core.setup.Environment;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

/** Puts the probes on the admin connector, next to Dropwizard's own {@code /healthcheck} and {@code /ping}. */
public final class OperationsEndpoints {

    /** The whole readiness probe, the database ping included, answers within this. */
    public static final Duration READINESS_BUDGET = Duration.ofSeconds(5);

    private OperationsEndpoints() {
    }

    public static void install(Environment environment) {
        // A direct hand-off: probes start their checks at once or are refused, never queue behind a hung check.
        ExecutorService executor = environment.lifecycle().executorService("readyz-%d")
                .minThreads(0)
                .maxThreads(16)
                .workQueue(new SynchronousQueue<>())
                .rejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy())
                .build();
        environment.admin().addServlet("healthz", new HealthzServlet()).addMapping(HealthzServlet.PATH);
        environment.admin().addServlet("readyz", new ReadyzServlet(environment.healthChecks(), executor,
                READINESS_BUDGET, environment.getObjectMapper())).addMapping(ReadyzServlet.PATH);
    }
}
