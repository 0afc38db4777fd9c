package lethe.metrics;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static lethe.metrics.MetricsEndpointTest.delta;
import static lethe.metrics.MetricsEndpointTest.scrape;
import static org.assertj.core.api.Assertions.assertThat;

/** A lethe that trusts only a remote proxy: every forwarded user from this machine is an untrusted peer. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UntrustedPeerMetricsTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start("untrusted-proxy-config.yml");

    @Test
    void aForwardedUserFromAnUntrustedPeerIsCounted() {
        PrometheusText.Scrape before = scrape(APP);
        assertThat(Http.to(APP.getLocalPort()).as("alice").get("/api/v1/sessions").status()).isEqualTo(401);

        PrometheusText.Scrape after = scrape(APP);
        assertThat(delta(before, after, "lethe_auth_failures_total", "reason", "untrusted_peer")).isEqualTo(1);
    }
}
