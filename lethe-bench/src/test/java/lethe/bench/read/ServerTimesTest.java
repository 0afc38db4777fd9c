package lethe.bench.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerTimesTest {

    /** lethe's histogram lines for one GET resource and the ingest POSTs, as its /metrics writes them. */
    private static String exposition(long within1, long within5, long within10, long all, long posts) {
        StringBuilder text = new StringBuilder("""
                # HELP lethe_http_request_duration_seconds Time Jersey spent on a request
                # TYPE lethe_http_request_duration_seconds histogram
                """);
        long[] counts = {within1, within5, within10, all, all};
        String[] bounds = {"0.001", "0.005", "0.01", "0.025", "+Inf"};
        for (int i = 0; i < bounds.length; i++) {
            text.append("lethe_http_request_duration_seconds_bucket{method=\"GET\",resource=\"SessionResource.list\",status=\"200\",le=\"")
                    .append(bounds[i]).append("\"} ").append(counts[i]).append('\n');
            text.append("lethe_http_request_duration_seconds_bucket{method=\"POST\",resource=\"IngestResource.ingest\",status=\"200\",le=\"")
                    .append(bounds[i]).append("\"} ").append(i < 2 ? 0 : posts).append('\n');
        }
        return text.append("lethe_http_request_duration_seconds_count{method=\"GET\",resource=\"SessionResource.list\",status=\"200\"} ")
                .append(all).append('\n').toString();
    }

    @Test
    void theServersP99IsTheFirstBucketHoldingNinetyNinePercentOfTheGetsBetweenTwoScrapes() {
        ServerTimes before = ServerTimes.parse(exposition(10, 240, 250, 250, 5));
        // 1 000 more GETs: 600 within 1 ms, 980 within 5, 995 within 10, all within 25; the POSTs do not count.
        ServerTimes after = ServerTimes.parse(exposition(610, 1220, 1245, 1250, 500));

        assertThat(after.percentileAtMostMillis(before, 99)).isEqualTo(10.0);
        assertThat(after.percentileAtMostMillis(before, 50)).isEqualTo(1.0);
        assertThat(after.percentileAtMostMillis(before, 100)).isEqualTo(25.0);
    }

    @Test
    void withNoRequestBetweenTheScrapesThereIsNoFigure() {
        ServerTimes same = ServerTimes.parse(exposition(1, 2, 3, 4, 5));

        assertThat(same.percentileAtMostMillis(same, 99)).isNaN();
    }
}
