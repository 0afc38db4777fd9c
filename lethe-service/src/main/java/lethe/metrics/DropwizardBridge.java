package lethe.metrics;

import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.dropwizard5.InvalidMetricHandler;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exports Dropwizard's registry (JVM, Jetty, pool and every {@code lethe.*} metric other code puts
 * there, which comes out as {@code lethe_*}) without ever failing a scrape on a name collision.
 *
 * <p>Prometheus names drop the reserved {@code _total} suffix, so Jersey's {@code @Timed} twin timers
 * {@code x} and {@code x.total} both become {@code x}, and one duplicate name makes the whole scrape
 * fail. Before each scrape the registry's names are mapped to Prometheus names in sorted order and
 * only the first of each is exported; names lethe's own metrics use are never exported from here.
 */
final class DropwizardBridge implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(DropwizardBridge.class);

    private final MetricRegistry metrics;
    private final Set<String> reservedNames;
    private final PrometheusRegistry exports = new PrometheusRegistry();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile Set<String> exported = Set.of();

    DropwizardBridge(MetricRegistry metrics, Set<String> reservedNames) {
        this.metrics = metrics;
        this.reservedNames = Set.copyOf(reservedNames);
        DropwizardExports.builder()
                .dropwizardRegistry(metrics)
                .metricFilter((name, metric) -> exported.contains(name))
                .invalidMetricHandler(this::skipInvalid)
                .register(exports);
    }

    @Override
    public synchronized MetricSnapshots collect() {
        exported = exportable(new TreeMap<>(metrics.getMetrics()));
        return exports.scrape();
    }

    private Set<String> exportable(Map<String, Metric> sorted) {
        Set<String> taken = new HashSet<>(reservedNames);
        Set<String> names = new HashSet<>();
        sorted.forEach((name, metric) -> {
            String prometheusName = prometheusName(name, metric);
            if (prometheusName == null) {
                reportOnce(name, "it has no valid Prometheus name");
            } else if (taken.add(prometheusName)) {
                names.add(name);
            } else {
                reportOnce(name, "its Prometheus name " + prometheusName + " is already taken");
            }
        });
        return names;
    }

    /** The name the exporter will give this metric: meters become counters, whose name carries {@code _total}. */
    private static String prometheusName(String name, Metric metric) {
        try {
            String base = metric instanceof Meter ? name + "_total" : name;
            return PrometheusNaming.prometheusName(PrometheusNaming.sanitizeMetricName(base));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A gauge that throws or a name the model refuses loses that one metric, not the scrape. */
    private boolean skipInvalid(String name, Exception e) {
        reportOnce(name, e.toString());
        return true;
    }

    private void reportOnce(String name, String why) {
        if (reported.add(name)) {
            LOG.warn("Dropwizard metric {} is not exported to /metrics: {}", name, why);
        }
    }
}
