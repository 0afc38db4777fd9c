package lethe.metrics;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import lethe.auth.AuthFailureListener;
import lethe.db.Database;
import lethe.ingest.IngestListener;
import lethe.redact.RedactionListener;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * lethe's Prometheus registry and its {@code /metrics} page on the admin port.
 *
 * <p>The registry is lethe's own, never the client library's global default: tests start the
 * application many times in one JVM, and a global registry would refuse the second registration.
 */
public final class LetheMetrics {

    public static final String PATH = "/metrics";

    private final IngestMetrics ingest;
    private final AuthFailureMetrics authFailures;
    private final RedactionMetrics redactions;

    private LetheMetrics(IngestMetrics ingest, AuthFailureMetrics authFailures, RedactionMetrics redactions) {
        this.ingest = ingest;
        this.authFailures = authFailures;
        this.redactions = redactions;
    }

    public static LetheMetrics install(Environment environment, Database database, PrometheusConfig config) {
        PrometheusRegistry registry = new PrometheusRegistry();
        IngestMetrics ingest = new IngestMetrics(registry);
        AuthFailureMetrics authFailures = new AuthFailureMetrics(registry);
        RedactionMetrics redactions = new RedactionMetrics(registry);
        StoredDataMetrics stored = new StoredDataMetrics(registry, database,
                Duration.ofMillis(config.getStoredCountsMaxAge().toMilliseconds()));
        ResourceTimings timings = new ResourceTimings(registry, ingest);
        environment.jersey().register(timings);

        Set<String> own = new HashSet<>(ingest.prometheusNames());
        own.add(authFailures.prometheusName());
        own.add(redactions.prometheusName());
        own.addAll(stored.prometheusNames());
        own.add(timings.prometheusName());
        registry.register(new DropwizardBridge(environment.metrics(), own));

        // An exact mapping wins over the admin servlet's "/*", replacing Dropwizard's JSON metrics page.
        environment.admin().addServlet("prometheus-metrics", new PrometheusMetricsServlet(registry)).addMapping(PATH);
        return new LetheMetrics(ingest, authFailures, redactions);
    }

    public IngestListener ingestListener() {
        return ingest;
    }

    public RedactionListener redactionListener() {
        return redactions;
    }

    public AuthFailureListener authFailureListener() {
        return authFailures;
    }
}
