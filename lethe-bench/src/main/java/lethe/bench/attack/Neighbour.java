package lethe.bench.attack;

import lethe.bench.read.Latencies;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The other user, bob, going about his business while the attack runs: {@code GET /api/v1/me} twice a second
 * and a one-line ingest once a second, each timed from when it was due (open loop, as {@code reads}: a
 * stalled server shows in the percentiles instead of slowing bob down). A request fails when it is not
 * answered 200 (an ingest: with its line stored) within the client's read timeout.
 */
final class Neighbour {

    static final String USER = "bob";

    /** One kind of request bob sends, and what became of it. */
    static final class Probe {
        final String name;
        final double perSecond;
        final Latencies latencies = new Latencies();
        final AtomicLong failures = new AtomicLong();
        /** How the failed requests failed: their status, or {@code timed out}. */
        final Answers failed = new Answers();

        Probe(String name, double perSecond) {
            this.name = name;
            this.perSecond = perSecond;
        }
    }

    private final Client client;
    private final String session;
    private final Probe me = new Probe("GET /api/v1/me", 2);
    private final Probe ingest = new Probe("ingest, 1 line", 1);
    private final ExecutorService pool = Executors.newFixedThreadPool(64);
    private final List<Thread> pacers = new ArrayList<>();
    private final AtomicLong turns = new AtomicLong();
    private volatile boolean running;

    Neighbour(Client client, String session) {
        this.client = client;
        this.session = session;
    }

    List<Probe> probes() {
        return List.of(me, ingest);
    }

    /** A few untimed requests, so that bob's figures are not the JIT's first ones. */
    void warmUp() {
        for (int i = 0; i < 20; i++) {
            try {
                client.get(USER, "/api/v1/me");
                client.ingest(USER, nextLine());
            } catch (IOException e) {
                throw new IllegalStateException("bob could not warm up against an idle lethe", e);
            }
        }
    }

    void start() {
        running = true;
        long start = System.nanoTime();
        for (Probe probe : probes()) {
            Thread pacer = new Thread(() -> pace(probe, start), "bob " + probe.name);
            pacer.start();
            pacers.add(pacer);
        }
    }

    /** Stops sending and waits for the requests in flight (each ends within the client's timeouts). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread pacer : pacers) {
            pacer.join();
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
    }

    private void pace(Probe probe, long start) {
        long intervalNanos = (long) (1e9 / probe.perSecond);
        for (long i = 0; running; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                return;
            }
            pool.execute(() -> measure(probe, due));
        }
    }

    private void measure(Probe probe, long due) {
        String failure;
        try {
            if (probe == me) {
                int status = client.get(USER, "/api/v1/me").status();
                failure = status == 200 ? null : Integer.toString(status);
            } else {
                String outcome = client.ingest(USER, nextLine()).ingestOutcome();
                failure = outcome.equals("ingest 200, stored") ? null : outcome.substring("ingest ".length());
            }
        } catch (IOException e) {
            failure = Client.failure(e);
        }
        probe.latencies.add(System.nanoTime() - due);
        if (failure != null) {
            probe.failures.incrementAndGet();
            probe.failed.count(failure);
        }
    }

    private String nextLine() {
        long turn = turns.getAndIncrement();
        return HostileLines.line(session, "t" + turn, turn, "bob's turn " + turn, null) + "\n";
    }

    static Client client(String url) {
        return new Client(url, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
