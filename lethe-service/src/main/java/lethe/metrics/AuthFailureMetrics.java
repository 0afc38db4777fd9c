package lethe.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import lethe.auth.AuthFailureListener;

import java.util.Locale;

/** Refused sign-ins by reason: a rise in bad_credentials or untrusted_peer is an attack or a misconfigured proxy. */
final class AuthFailureMetrics implements AuthFailureListener {

    private final Counter failures;

    AuthFailureMetrics(PrometheusRegistry registry) {
        failures = Counter.builder()
                .name("lethe_auth_failures")
                .help("Refused sign-ins by reason: no_credentials, bad_credentials, not_allowed, untrusted_peer")
                .labelNames("reason")
                .register(registry);
        for (Reason reason : Reason.values()) {
            failures.labelValues(label(reason));
        }
    }

    String prometheusName() {
        return failures.getPrometheusName();
    }

    @Override
    public void failed(Reason reason) {
        failures.labelValues(label(reason)).inc();
    }

    private static String label(Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
