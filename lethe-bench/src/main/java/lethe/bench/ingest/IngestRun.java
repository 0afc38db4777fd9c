package lethe.bench.ingest;

import lethe.bench.Options;
import lethe.bench.Results;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ingest}: pushes a corpus into a running lethe the way collectors do, and records lines/s and MB/s.
 *
 * <p>Request bodies are cut (and gzipped) before the clock starts, as a collector has its lines at hand;
 * the clock covers the first request sent to the last answer received. Every answer must be a 200 whose
 * {@code accepted} equals the lines sent, or the run fails. {@code --stream} reads bodies from the file
 * as it goes instead, for corpora larger than memory (loading the 1 M-turn database).
 *
 * <p>{@code --url} may list several lethe replicas, comma-separated: collector i sends to replica
 * i mod n, as collectors behind a balancer that keeps each client on one replica would.
 */
public final class IngestRun {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private IngestRun() {
    }

    public static void run(String[] args) throws Exception {
        Options options = new Options(args);
        List<URI> endpoints = Arrays.stream(options.get("url").split(","))
                .map(url -> URI.create(url.strip() + "/api/v1/ingest")).toList();
        String user = options.get("user", "bench");
        Path corpus = Path.of(options.get("corpus"));
        int linesPerRequest = options.getInt("lines", 1_000);
        int collectors = options.getInt("collectors", 1);
        boolean gzip = options.flag("gzip");
        // A background collector for the read benchmark sends at a steady pace instead of flat out.
        double requestsPerSecond = options.getDouble("requests-per-second", 0);
        AtomicLong sent = new AtomicLong();

        List<Iterator<RequestBodies.Body>> queues = new ArrayList<>();
        if (options.flag("stream")) {
            Iterator<RequestBodies.Body> shared = RequestBodies.stream(corpus, linesPerRequest, gzip);
            for (int c = 0; c < collectors; c++) {
                queues.add(shared);
            }
        } else {
            long maxBytes = Long.parseLong(options.get("max-bytes", Long.toString(Long.MAX_VALUE)));
            RequestBodies.cut(corpus, linesPerRequest, maxBytes, collectors, gzip).forEach(bodies -> queues.add(bodies.iterator()));
        }

        AtomicLong lines = new AtomicLong();
        AtomicLong ndjsonBytes = new AtomicLong();
        AtomicLong wireBytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(collectors);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < queues.size(); c++) {
            Iterator<RequestBodies.Body> queue = queues.get(c);
            URI endpoint = endpoints.get(c % endpoints.size());
            running.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                while (true) {
                    RequestBodies.Body body;
                    synchronized (queue) {
                        if (!queue.hasNext()) {
                            return null;
                        }
                        body = queue.next();
                    }
                    if (requestsPerSecond > 0) {
                        long due = started + (long) (sent.getAndIncrement() * 1e9 / requestsPerSecond);
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    send(client, endpoint, user, gzip, body);
                    lines.addAndGet(body.lines());
                    ndjsonBytes.addAndGet(body.ndjsonBytes());
                    wireBytes.addAndGet(body.wire().length);
                }
            }));
        }
        for (Future<?> collector : running) {
            collector.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", "ingest");
        result.put("label", options.get("label", "lethe"));
        result.put("round", options.getInt("round", 0));
        result.put("lines", lines.get());
        result.put("ndjson_bytes", ndjsonBytes.get());
        result.put("wire_bytes", wireBytes.get());
        result.put("seconds", seconds);
        result.put("lines_per_request", linesPerRequest);
        result.put("collectors", collectors);
        result.put("replicas", endpoints.size());
        result.put("gzip", gzip);
        Results.append(Path.of(options.get("results")), result);
    }

    private static void send(HttpClient client, URI endpoint, String user, boolean gzip, RequestBodies.Body body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("Remote-User", user)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.wire()));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher accepted = ACCEPTED.matcher(response.body());
        if (response.statusCode() != 200 || !accepted.find() || Long.parseLong(accepted.group(1)) != body.lines()) {
            throw new IllegalStateException("lethe answered " + response.statusCode() + " to " + body.lines() + " lines: "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
