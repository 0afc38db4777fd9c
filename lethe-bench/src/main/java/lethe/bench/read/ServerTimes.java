package lethe.bench.read;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lethe's own account of its GET requests: the cumulative buckets of its
 * {@code lethe_http_request_duration_seconds} histogram (admin port, {@code /metrics}), summed over every
 * resource and status. Two scrapes around a read run give how long the server itself took for the run's
 * requests, from Jersey matching the request to the response written: what is left of the client's figure
 * is the client, the kernel, Jetty's parsing and the wait for a core.
 */
public record ServerTimes(TreeMap<Double, Long> countsAtMost) {

    private static final Pattern BUCKET = Pattern.compile(
            "^lethe_http_request_duration_seconds_bucket\\{([^}]*)\\} ([0-9.eE+]+)$");
    private static final Pattern BOUND = Pattern.compile("le=\"([^\"]+)\"");

    public static ServerTimes scrape(String metricsUrl) throws IOException {
        URL url = URI.create(metricsUrl).toURL();
        try (InputStream in = url.openStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static ServerTimes parse(String exposition) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher bucket = BUCKET.matcher(line.strip());
            if (!bucket.matches() || !bucket.group(1).contains("method=\"GET\"")) {
                continue;
            }
            Matcher bound = BOUND.matcher(bucket.group(1));
            if (bound.find()) {
                double seconds = bound.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound.group(1));
                counts.merge(seconds, (long) Double.parseDouble(bucket.group(2)), Long::sum);
            }
        }
        return new ServerTimes(counts);
    }

    /**
     * The smallest bucket bound, in milliseconds, within which the server answered {@code percent} of the GET
     * requests between {@code before} and this scrape: an upper bound of its own percentile (the buckets are
     * 1, 5, 10, 25, 50, 100, 250 ms…). NaN when there were none, infinite past the last finite bucket.
     */
    public double percentileAtMostMillis(ServerTimes before, double percent) {
        long total = since(before, Double.POSITIVE_INFINITY);
        if (total == 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Long> bucket : countsAtMost.entrySet()) {
            if (since(before, bucket.getKey()) >= Math.ceil(percent / 100.0 * total)) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private long since(ServerTimes before, double bound) {
        return countsAtMost.getOrDefault(bound, 0L) - before.countsAtMost.getOrDefault(bound, 0L);
    }
}
