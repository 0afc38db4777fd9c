package lethe.bench.read;

import lethe.bench.Options;
import lethe.bench.Results;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code reads}: requests one URL at a fixed rate and records response times (to the last byte).
 *
 * <p>The load is open-loop: request i is due at start + i/rate whether or not earlier ones have
 * answered, and its time is counted from when it was due, so a stall shows up in the percentiles
 * instead of silently slowing the generator down ("coordinated omission"). A warm-up period at the same
 * rate is discarded first.
 */
public final class ReadRun {

    private ReadRun() {
    }

    public static void run(String[] args) throws Exception {
        Options options = new Options(args);
        URI uri = URI.create(options.get("url") + options.get("path"));
        String user = options.get("user", "bench");
        double rate = options.getDouble("rate", 20);
        double seconds = options.getDouble("seconds", 20);
        double warmup = options.getDouble("warmup", 5);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService workers = Executors.newFixedThreadPool(options.getInt("concurrency", 8));
        Latencies measured = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();

        long intervalNanos = (long) (1e9 / rate);
        long total = (long) ((warmup + seconds) * rate);
        long warmupRequests = (long) (warmup * rate);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean counted = i >= warmupRequests;
            workers.execute(() -> {
                try {
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).header("Remote-User", user)
                            .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - due;
                    if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else if (counted) {
                        measured.add(took);
                        bytes.addAndGet(response.body().length);
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.MINUTES);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", "read");
        result.put("label", options.get("label", options.get("path")));
        result.put("path", options.get("path"));
        result.put("rate", rate);
        result.put("requests", measured.count());
        result.put("errors", errors.get());
        result.put("mean_response_bytes", measured.count() == 0 ? 0 : bytes.get() / measured.count());
        result.put("p50_ms", measured.percentileMillis(50));
        result.put("p90_ms", measured.percentileMillis(90));
        result.put("p99_ms", measured.percentileMillis(99));
        result.put("max_ms", measured.percentileMillis(100));
        Results.append(Path.of(options.get("results")), result);
    }
}
