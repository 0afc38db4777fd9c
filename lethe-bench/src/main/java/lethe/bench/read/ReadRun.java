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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code reads}: requests one URL at a fixed rate and records response times (to the last byte).
 *
 * <p>The load is open-loop: request i is due at start + i/rate whether or not earlier ones have
 * answered, and its time is counted from when it was due, so a stall shows up in the percentiles
 * instead of silently slowing the generator down ("coordinated omission"). A warm-up period at the same
 * rate is discarded first. How late the client itself sent (from due to sent, p99) is reported beside the
 * response times, so that the client's share of a tail shows. With {@code --metrics} (lethe's admin
 * {@code /metrics}), the server's own account of the same requests is kept beside the client's
 * ({@link ServerTimes}).
 */
public final class ReadRun {

    /**
     * How long before a request is due its sender stops parking and spins: about how late a parked thread
     * usually wakes on a busy small machine.
     */
    private static final long SPIN_NANOS = 500_000;

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
        // Enough kept-alive connections for every sender (the JDK keeps 5 by default).
        System.setProperty("http.maxConnections", Integer.toString(concurrency));
        Latencies measured = new Latencies();
        Latencies late = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();

        long intervalNanos = (long) (1e9 / rate);
        long total = (long) ((warmup + seconds) * rate);
        long warmupRequests = (long) (warmup * rate);
        long start = System.nanoTime() + intervalNanos;
        String metrics = options.get("metrics", null);
        CompletableFuture<ServerTimes> atStart = metrics == null ? null
                : CompletableFuture.supplyAsync(() -> scrape(metrics),
                        CompletableFuture.delayedExecutor(start + warmupRequests * intervalNanos - System.nanoTime(),
                                TimeUnit.NANOSECONDS));
        // Each sender owns every concurrency-th request and sends it itself when it is due: no hand-over
        // from a timer thread, whose wake-up (milliseconds at p99 on a busy small machine) would count as
        // the server's time.
        List<Thread> senders = new ArrayList<>();
        for (int k = 0; k < concurrency; k++) {
            long first = k;
            Thread sender = new Thread(() -> {
                for (long i = first; i < total; i += concurrency) {
                    long due = start + i * intervalNanos;
                    waitUntil(due);
                    long sent = System.nanoTime();
                    try {
                        long received = get(url, user);
                        long took = System.nanoTime() - due;
                        if (received < 0) {
                            errors.incrementAndGet();
                        } else if (i >= warmupRequests) {
                            measured.add(took);
                            late.add(sent - due);
                            bytes.addAndGet(received);
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                }
            }, "sender-" + k);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }

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
        result.put("client_late_p99_ms", late.percentileMillis(99));
        if (atStart != null) {
            // An upper bound (a histogram bucket) of the server's own p99 over the same requests.
            double serverP99 = scrape(metrics).percentileAtMostMillis(atStart.join(), 99);
            if (Double.isFinite(serverP99)) {
                result.put("server_p99_at_most_ms", serverP99);
            }
        }
        Results.append(Path.of(options.get("results")), result);
    }

    /**
     * Parks until shortly before {@code due}, then spins to it: a parked thread wakes a fraction of a
     * millisecond late at best, and every bit of that would be counted as the server's.
     */
    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(wait - SPIN_NANOS);
        }
        while (System.nanoTime() < due) {
            Thread.onSpinWait();
        }
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
