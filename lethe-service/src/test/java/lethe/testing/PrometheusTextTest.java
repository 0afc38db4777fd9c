package lethe.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test oracle for /metrics must itself accept the format and refuse what breaks it. */
class PrometheusTextTest {

    private static final String VALID = """
            # HELP requests_total Requests, with a \\\\ and a \\n in the help.
            # TYPE requests_total counter
            requests_total{result="ok",path="a\\"b\\\\c\\nd"} 3.0
            requests_total{result="bad",} 1 1700000000000
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="+Inf"} 2
            latency_seconds_count 2
            latency_seconds_sum 0.3
            # TYPE rpc summary
            rpc{quantile="0.5"} NaN
            rpc_count 0
            free_bytes -Inf
            """;

    @Test
    void readsFamiliesSamplesAndEscapes() {
        PrometheusText.Scrape scrape = PrometheusText.parse(VALID);
        assertThat(scrape.family("requests_total").type()).isEqualTo("counter");
        assertThat(scrape.family("requests_total").help()).isEqualTo("Requests, with a \\ and a \n in the help.");
        assertThat(scrape.value("requests_total", "result", "ok", "path", "a\"b\\c\nd")).isEqualTo(3.0);
        assertThat(scrape.value("latency_seconds_count")).isEqualTo(2.0);
        assertThat(scrape.value("free_bytes")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void refusesWhatAPrometheusServerWouldRefuse() {
        assertRefused("no_newline 1", "end with a line feed");
        assertRefused("1bad_name 1\n", "invalid metric name");
        assertRefused("m{l=unquoted} 1\n", "quoted");
        assertRefused("m{l=\"\\t\"} 1\n", "invalid escape");
        assertRefused("m{l=\"a\",l=\"b\"} 1\n", "twice");
        assertRefused("m{__reserved=\"a\"} 1\n", "invalid label name");
        assertRefused("m one\n", "invalid sample value");
        assertRefused("m 1 12.5\n", "invalid timestamp");
        assertRefused("m 1\nm 2\n", "series appears twice");
        assertRefused("a 1\nb 1\na{x=\"1\"} 1\n", "not in one group");
        assertRefused("m 1\n# TYPE m gauge\n", "TYPE after the first sample");
        assertRefused("# TYPE m gauge\n# TYPE m gauge\n", "second TYPE");
        assertRefused("# TYPE m thing\n", "TYPE must be one of");
        assertRefused("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n",
                "out of order");
        assertRefused("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_count 2\n", "+Inf bucket");
        assertRefused("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n", "differs");
        assertRefused("# TYPE s summary\ns{quantile=\"1.5\"} 2\n", "quantile outside");
        assertRefused("m 1\r\n", "carriage return");
    }

    private static void assertRefused(String exposition, String reason) {
        assertThatThrownBy(() -> PrometheusText.parse(exposition))
                .isInstanceOf(PrometheusText.FormatError.class)
                .hasMessageContaining(reason);
    }
}
