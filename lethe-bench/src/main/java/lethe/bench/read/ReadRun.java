package lethe.bench.read;

import lethe.bench.Options;
import lethe.bench.Results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * rate is discarded first. With {@code --metrics} (lethe's admin {@code /metrics}), the server's own account
 * of the same requests is kept beside the client's ({@link ServerTimes}).
 */
public final class ReadRun {

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private ReadRun() {
    }

    public static void run(String[] args) throws Exception {
        Options options = new Options(args);
        URL url = URI.create(options.get("url") + options.get("path")).toURL();
        String user = options.get("user", "bench");
        double rate = options.getDouble("rate", 20);
        double seconds = options.getDouble("seconds", 20);
        double warmup = options.getDouble("warmup", 5);

        int concurrency = options.getInt("concurrency", 8);
        // Enough kept-alive connections for every worker (the JDK keeps 5 by default).
        System.setProperty("http.maxConnections", Integer.toString(concurrency));
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        Latencies measured = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();

        String metrics = options.get("metrics", null);
        CompletableFuture<ServerTimes> atStart = null;

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
            if (metrics != null && i == warmupRequests) {
                // Off this thread, so that the next request still leaves when it is due.
                atStart = CompletableFuture.supplyAsync(() -> scrape(metrics));
            }
            workers.execute(() -> {
                try {
                    long received = get(url, user);
                    long took = System.nanoTime() - due;
                    if (received < 0) {
                        errors.incrementAndGet();
                    } else if (counted) {
                        measured.add(took);
                        bytes.addAndGet(received);
                    }
                } catch (IOException e) {
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
        if (atStart != null) {
            // An upper bound (a histogram bucket) of the server's own p99 over the same requests.
            double serverP99 = scrape(metrics).percentileAtMostMillis(atStart.join(), 99);
            if (Double.isFinite(serverP99)) {
                result.put("server_p99_at_most_ms", serverP99);
            }
        }
        Results.append(Path.of(options.get("results")), result);
    }

    private static ServerTimes scrape(String metrics) {
        try {
            return ServerTimes.scrape(metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + metrics, e);
        }
    }

    /**
     * One GET on a kept-alive connection, the body read to the end: its size, or -1 for any status but 200.
     * The JDK's blocking client, not {@code java.net.http}: that one hands every response between
     * threads, which on a small machine added a millisecond or two of the client's own to each figure.
     */
    private static long get(URL url, String user) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(60_000);
        connection.setRequestProperty("Remote-User", user);
        int status = connection.getResponseCode();
        long received = 0;
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                byte[] buffer = BUFFER.get();
                int read;
                while ((read = body.read(buffer)) != -1) {
                    received += read;
                }
            }
        }
        return status == 200 ? received : -1;
    }
}
