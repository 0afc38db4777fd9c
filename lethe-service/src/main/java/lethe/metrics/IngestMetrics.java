package lethe.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import lethe.ingest.IngestListener;

import java.util.List;

/**
 * What collectors push: requests and lines by result, how long a request takes and how many lines it
 * carries. Requests are "accepted" when lethe answered 200 (the good lines stored, bad ones reported)
 * and "rejected" when it answered with an error and stored nothing.
 */
final class IngestMetrics implements IngestListener {

    private static final String ACCEPTED = "accepted";
    private static final String REJECTED = "rejected";

    private final Counter requests;
    private final Counter lines;
    private final Histogram duration;
    private final Histogram linesPerRequest;

    IngestMetrics(PrometheusRegistry registry) {
        requests = Counter.builder()
                .name("lethe_ingest_requests")
                .help("Ingest requests by result: accepted (answered 200) or rejected (answered with an error, nothing stored)")
                .labelNames("result")
                .register(registry);
        lines = Counter.builder()
                .name("lethe_ingest_lines")
                .help("NDJSON lines of ingest requests by result: accepted (stored) or rejected (reported as invalid)")
                .labelNames("result")
                .register(registry);
        duration = Histogram.builder()
                .name("lethe_ingest_request_duration_seconds")
                .help("Time from the start of an ingest request to its answer, reading the body included")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
        linesPerRequest = Histogram.builder()
                .name("lethe_ingest_lines_per_request")
                .help("Lines in one ingest request that was read to the end")
                .classicOnly()
                .classicUpperBounds(1, 10, 100, 1000, 10_000, 100_000)
                .register(registry);
        for (String result : List.of(ACCEPTED, REJECTED)) {
            requests.labelValues(result);
            lines.labelValues(result);
        }
    }

    List<String> prometheusNames() {
        return List.of(requests.getPrometheusName(), lines.getPrometheusName(),
                duration.getPrometheusName(), linesPerRequest.getPrometheusName());
    }

    @Override
    public void ingested(long accepted, long rejected, long lineCount) {
        lines.labelValues(ACCEPTED).inc(accepted);
        lines.labelValues(REJECTED).inc(rejected);
        linesPerRequest.observe(lineCount);
    }

    /** Called once per ingest request when its answer has been sent. */
    void answered(int status, double seconds) {
        requests.labelValues(status < 400 ? ACCEPTED : REJECTED).inc();
        duration.observe(seconds);
    }
}
