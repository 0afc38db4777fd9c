package lethe.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import lethe.redact.RedactionListener;
import lethe.redact.RedactionTally;

/**
 * Secrets redacted at ingest, by the rule that found them: a rule that suddenly fires a lot is either a
 * leak worth looking into or a false positive worth an allowlist entry. Labels are rule ids, never secrets.
 */
final class RedactionMetrics implements RedactionListener {

    private final Counter redacted;

    RedactionMetrics(PrometheusRegistry registry) {
        redacted = Counter.builder()
                .name("lethe_redacted_secrets")
                .help("Secrets replaced by a marker at ingest, by the id of the rule that found them")
                .labelNames("rule")
                .register(registry);
    }

    String prometheusName() {
        return redacted.getPrometheusName();
    }

    @Override
    public void redacted(RedactionTally tally) {
        tally.byRule().forEach((rule, count) -> redacted.labelValues(rule).inc(count));
    }
}
