package lethe.metrics;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.PrometheusText;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsEndpointTest {

    static final DropwizardAppExtension<LetheConfiguration> APP =
            LetheApp.start(ConfigOverride.config("prometheus.stored_counts_max_age", "0s"));

    static PrometheusText.Scrape scrape(DropwizardAppExtension<LetheConfiguration> app) {
        Http.Response response = Http.to(app.getAdminPort()).get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(response.body());
    }

    @Test
    void ingestCountsRequestsAndLinesByResultAndTimesThem() {
        PrometheusText.Scrape before = scrape(APP);
        Http alice = Http.to(APP.getLocalPort()).as("alice");

        String body = Turns.line("metrics-a", "t1", 0, "user", 1700000000, "one") + "\n"
                + Turns.line("metrics-a", "t2", 1, "assistant", 1700000001, "two") + "\n"
                + "{not json}\n"
                + Turns.line("metrics-b", "t1", 0, "user", 1700000002, "three") + "\n";
        assertThat(alice.ingest(body).status()).isEqualTo(200);
        assertThat(alice.header("Content-Encoding", "br").ingest(body).status()).isEqualTo(415);

        // Requests are counted when Jersey reports them finished, just after the response went out.
        PrometheusText.Scrape after = scrapeUntil(() -> scrape(APP),
                scrape -> delta(before, scrape, "lethe_ingest_request_duration_seconds_count") >= 2);
        assertThat(delta(before, after, "lethe_ingest_requests_total", "result", "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_ingest_requests_total", "result", "rejected")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_ingest_lines_total", "result", "accepted")).isEqualTo(3);
        assertThat(delta(before, after, "lethe_ingest_lines_total", "result", "rejected")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_ingest_request_duration_seconds_count")).isEqualTo(2);
        assertThat(delta(before, after, "lethe_ingest_lines_per_request_count")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_ingest_lines_per_request_sum")).isEqualTo(4);
        assertThat(delta(before, after, "lethe_ingest_lines_per_request_bucket", "le", "1.0")).isZero();
        assertThat(delta(before, after, "lethe_ingest_lines_per_request_bucket", "le", "10.0")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_sessions_stored")).isEqualTo(2);
        assertThat(delta(before, after, "lethe_turns_stored")).isEqualTo(3);
        assertThat(after.value("lethe_database_size_bytes")).isPositive();
    }

    @Test
    void jerseyResourceMethodsAreTimedByStatus() {
        PrometheusText.Scrape before = scrape(APP);
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        alice.get("/api/v1/sessions");
        alice.get("/api/v1/sessions?limit=oops");

        // Jersey reports a request finished after its response went out, so a scrape may come first.
        PrometheusText.Scrape after = scrapeUntil(() -> scrape(APP), scrape -> scrape.valueOrZero(
                "lethe_http_request_duration_seconds_count", "resource", "SessionResource.list", "method", "GET", "status", "400") > 0);
        assertThat(delta(before, after, "lethe_http_request_duration_seconds_count",
                "resource", "SessionResource.list", "method", "GET", "status", "200")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_http_request_duration_seconds_count",
                "resource", "SessionResource.list", "method", "GET", "status", "400")).isEqualTo(1);
    }

    @Test
    void refusedSignInsAreCountedByReason() {
        PrometheusText.Scrape before = scrape(APP);
        Http app = Http.to(APP.getLocalPort());
        assertThat(app.get("/api/v1/sessions").status()).isEqualTo(401);
        assertThat(app.as("x".repeat(300)).get("/api/v1/sessions").status()).isEqualTo(401);
        assertThat(app.as("mallory").get("/api/v1/sessions").status()).isEqualTo(403);
        assertThat(app.as("mallory").get("/api/v1/sessions").status()).isEqualTo(403);

        PrometheusText.Scrape after = scrape(APP);
        assertThat(delta(before, after, "lethe_auth_failures_total", "reason", "no_credentials")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_auth_failures_total", "reason", "bad_credentials")).isEqualTo(1);
        assertThat(delta(before, after, "lethe_auth_failures_total", "reason", "not_allowed")).isEqualTo(2);
        assertThat(delta(before, after, "lethe_auth_failures_total", "reason", "untrusted_peer")).isZero();
    }

    /** JVM metrics are registered by the jar's main(), not by the test harness: GracefulStopIT checks those. */
    @Test
    void jettyAndPoolMetricsAreExportedToo() {
        PrometheusText.Scrape scrape = scrape(APP);
        assertThat(scrape.hasFamily("io_dropwizard_jetty_MutableServletContextHandler_requests")).isTrue();
        assertThat(scrape.hasFamily("org_eclipse_jetty_util_thread_QueuedThreadPool_dw_utilization")).isTrue();
        assertThat(scrape.hasFamily("io_dropwizard_db_ManagedPooledDataSource_sqlite_active")).isTrue();
    }

    @Test
    void otherCodesLetheMetricsComeOutAsLetheSeriesAndCollisionsNeverFailTheScrape() {
        MetricRegistry metrics = APP.getEnvironment().metrics();
        metrics.counter("lethe.sample.things").inc(3);
        metrics.meter("lethe.sample.events").mark(2);
        // Jersey's @Timed gives x and x.total; Prometheus drops "total", so both map to one name.
        metrics.timer("lethe.sample.twin").update(java.time.Duration.ofMillis(5));
        metrics.timer("lethe.sample.twin.total").update(java.time.Duration.ofMillis(7));
        // Same Prometheus name as lethe's own ingest line counter: lethe's own wins.
        metrics.counter("lethe.ingest.lines").inc(1_000_000);

        PrometheusText.Scrape scrape = scrape(APP);
        assertThat(scrape.value("lethe_sample_things_total")).isEqualTo(3);
        assertThat(scrape.value("lethe_sample_events_total")).isEqualTo(2);
        assertThat(scrape.family("lethe_sample_twin").type()).isEqualTo("summary");
        assertThat(scrape.value("lethe_sample_twin_count")).isEqualTo(1);
        assertThat(scrape.family("lethe_ingest_lines_total").samples())
                .allSatisfy(sample -> assertThat(sample.labels()).containsKey("result"));
    }

    static PrometheusText.Scrape scrapeUntil(java.util.function.Supplier<PrometheusText.Scrape> scraper,
                                             java.util.function.Predicate<PrometheusText.Scrape> done) {
        return await().atMost(Duration.ofSeconds(10)).until(scraper::get, done::test);
    }

    /** How much a series grew; a labelled series that did not exist yet counts as 0 before. */
    static double delta(PrometheusText.Scrape before, PrometheusText.Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.valueOrZero(name, labels);
    }
}
