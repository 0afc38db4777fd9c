package lethe.bench.attack;

import lethe.bench.Options;
import lethe.bench.Results;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * {@code attack NAME}: one of issue 14's high findings at the size the review used, run against a lethe
 * started by {@code run.sh attacks}, while another user (bob, {@link Neighbour}) is measured. The attacker
 * (mallory, or a stranger) keeps attacking for {@code --seconds}; bob is measured over the same window.
 * One {@code attack} result per kind of bob's request: his latencies and failures, what the attacker was
 * answered, and how many {@code OutOfMemoryError} lines the server's log gained.
 *
 * <p>Names: {@code none} (bob alone), {@code slow-stranger} and {@code slow-user} (finding 1),
 * {@code meta-keys} (2), {@code big-metas}, {@code bodies-in-flight}, {@code big-session} (3a, 3b, 3c).
 */
public final class AttackRun {

    static final String ATTACKER = "mallory";
    static final String ADMIN = "admin";
    static final Duration GRACE = Duration.ofSeconds(5);

    private AttackRun() {
    }

    public static void run(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "";
        Options options = new Options(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        String url = options.get("url");
        Path serverLog = Path.of(options.get("server-log"));
        Duration window = Duration.ofSeconds(options.getInt("seconds", 40));
        Answers answers = new Answers();
        Attack attack = attack(name, url, options, answers);

        long oomBefore = outOfMemoryLines(serverLog);
        attack.prepare();
        Neighbour bob = new Neighbour(Neighbour.client(url), "bob-" + name);
        bob.warmUp();
        bob.start();
        long started = System.nanoTime();
        long deadline = started + window.toNanos();
        CompletableFuture<Void> attacking = CompletableFuture.runAsync(() -> {
            try {
                attack.run(deadline);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, runnable -> daemon("attacker", runnable).start());
        LockSupport.parkNanos(deadline - System.nanoTime());
        bob.stop();
        double seconds = (System.nanoTime() - started) / 1e9;
        attacking.join();

        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        long oom = outOfMemoryLines(serverLog) - oomBefore;
        // Once: requests left behind may still be answered while the results are written.
        String attacker = answers.toString();
        for (Neighbour.Probe probe : bob.probes()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("kind", "attack");
            result.put("label", attack.label());
            result.put("lethe", options.get("lethe"));
            result.put("request", probe.name);
            result.put("seconds", Math.round(seconds));
            result.put("requests", probe.latencies.count());
            result.put("failures", probe.failures.get());
            result.put("failed_how", probe.failed.toString());
            result.put("p50_ms", probe.latencies.percentileMillis(50));
            result.put("p99_ms", probe.latencies.percentileMillis(99));
            result.put("max_ms", probe.latencies.percentileMillis(100));
            result.put("attacker", attacker);
            result.put("out_of_memory_lines", oom);
            result.put("load_1min", Double.parseDouble(load));
            Results.append(Path.of(options.get("results")), result);
        }
    }

    /** What the attacker does: {@link #prepare()} before bob is measured, {@link #run} while he is. */
    interface Attack {
        String label();

        default void prepare() throws Exception {
        }

        void run(long deadlineNanos) throws Exception;
    }

    private static Attack attack(String name, String url, Options options, Answers answers) {
        InetSocketAddress server = new InetSocketAddress(URI.create(url).getHost(), URI.create(url).getPort());
        int connections = options.getInt("connections", 1_100);
        return switch (name) {
            case "none" -> new Attack() {
                public String label() {
                    return "none: bob alone";
                }

                public void run(long deadlineNanos) {
                    LockSupport.parkNanos(deadlineNanos - System.nanoTime());
                }
            };
            case "slow-stranger" -> slowBodies(server, connections, answers,
                    "1: " + Answers.thousands(connections) + " slow bodies (a byte every 10 s), stranger: no Remote-User or not allowed",
                    i -> i % 2 == 0 ? "" : "Remote-User: stranger\r\n");
            case "slow-user" -> slowBodies(server, connections, answers,
                    "1: " + Answers.thousands(connections) + " slow bodies (a byte every 10 s), signed-in user, rate limits on",
                    i -> "Remote-User: " + ATTACKER + "\r\n");
            case "meta-keys" -> new MetaKeys(new Client(url, Duration.ofSeconds(5), Duration.ofMinutes(3)), answers);
            case "big-metas" -> new BigMetas(new Client(url, Duration.ofSeconds(5), Duration.ofMinutes(2)), answers);
            case "bodies-in-flight" -> new BodiesInFlight(new Client(url, Duration.ofSeconds(5), Duration.ofMinutes(2)), answers);
            case "big-session" -> new BigSession(new Client(url, Duration.ofSeconds(5), Duration.ofMinutes(3)), answers,
                    options.get("admin-url", null));
            default -> throw new IllegalArgumentException("unknown attack " + name
                    + " (none, slow-stranger, slow-user, meta-keys, big-metas, bodies-in-flight, big-session)");
        };
    }

    /** 100 new connections a second: within the default ingest rate limit (200/s, burst 400) of a signed-in user. */
    private static Attack slowBodies(InetSocketAddress server, int connections, Answers answers, String label,
                                     IntFunction<String> userHeader) {
        return new Attack() {
            public String label() {
                return label;
            }

            public void run(long deadlineNanos) throws IOException {
                SlowBodies attack = new SlowBodies(server, connections, 100, Duration.ofSeconds(10), userHeader, answers);
                attack.run(deadlineNanos);
                answers.note("most held open at once", attack.mostHeld());
            }
        };
    }

    /**
     * Runs {@code clients} attacking clients until the deadline, each sending one request after another, at
     * most one per {@code atMostEvery}; {@code request} is given the client's number. Requests still waiting
     * for their answer {@link #GRACE} after the deadline are counted as such and left behind (the attacker's
     * threads are daemons, and lethe is stopped next).
     */
    static void repeat(int clients, long deadlineNanos, Duration atMostEvery, Answers answers, IntConsumer request)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> daemon("attacking client", runnable));
        AtomicInteger waiting = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.execute(() -> {
                while (System.nanoTime() < deadlineNanos) {
                    long next = System.nanoTime() + atMostEvery.toNanos();
                    waiting.incrementAndGet();
                    request.accept(client);
                    waiting.decrementAndGet();
                    LockSupport.parkNanos(Math.min(next, deadlineNanos) - System.nanoTime());
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(deadlineNanos - System.nanoTime() + GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
            answers.note("requests unanswered " + GRACE.toSeconds() + " s after the end", waiting.get());
        }
    }

    private static Thread daemon(String name, Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Lines of the server's log (stdout and stderr) naming an {@code OutOfMemoryError}. */
    private static long outOfMemoryLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.contains("OutOfMemoryError")) {
                    lines++;
                }
            }
        }
        return lines;
    }

    /** Finding 2: three requests at a time, each one 2.6 MB line of 150 000 meta keys. */
    private record MetaKeys(Client client, Answers answers) implements Attack {
        public String label() {
            return "2: lines of 150 000 session_meta keys (2.6 MB), 3 requests at a time";
        }

        public void run(long deadlineNanos) throws InterruptedException {
            String meta = HostileLines.manyKeysMeta(HostileLines.META_KEYS);
            AtomicIntegerArray sent = new AtomicIntegerArray(3);
            repeat(3, deadlineNanos, Duration.ZERO, answers, attacker -> {
                int seq = sent.getAndIncrement(attacker);
                String line = HostileLines.line("keys-" + attacker, "t" + seq, seq, "c", meta) + "\n";
                try {
                    answers.count(client.ingest(ATTACKER, line).ingestOutcome());
                } catch (IOException e) {
                    answers.count(Client.failure(e));
                }
            });
        }
    }

    /**
     * Finding 3a: five sessions whose meta is 7 MB each (stored before bob is measured), then listed over
     * and over by their owner and by an admin's everyone view, two clients each.
     */
    private record BigMetas(Client client, Answers answers) implements Attack {
        public String label() {
            return "3a: 5 sessions with 7 MB metas listed by their owner and an admin (owner=*), 2 clients each";
        }

        public void prepare() {
            String meta = HostileLines.bigMeta(HostileLines.BIG_META_BYTES);
            for (int i = 0; i < 5; i++) {
                try {
                    answers.count(client.ingest(ATTACKER, HostileLines.line("meta-" + i, "t0", 0, "hi", meta) + "\n").ingestOutcome());
                } catch (IOException e) {
                    answers.count("ingest " + Client.failure(e));
                }
            }
        }

        public void run(long deadlineNanos) throws InterruptedException {
            repeat(4, deadlineNanos, Duration.ZERO, answers, lister -> {
                boolean admin = lister % 2 == 1;
                String what = admin ? "admin's list" : "owner's list";
                try {
                    answers.count(what + " " + client.get(admin ? ADMIN : ATTACKER,
                            admin ? "/api/v1/sessions?owner=*" : "/api/v1/sessions").status());
                } catch (IOException e) {
                    answers.count(what + " " + Client.failure(e));
                }
            });
        }
    }

    /**
     * Finding 3b: 150 clients each sending a 4.0 MB body (just under the old large-body threshold, a 64th of
     * the heap), one a second at most per client, the same 40 lines of one session every time.
     */
    private record BodiesInFlight(Client client, Answers answers) implements Attack {
        public String label() {
            return "3b: 150 concurrent ingests of 4.0 MB each (just under the old large-body threshold)";
        }

        public void run(long deadlineNanos) throws InterruptedException {
            byte[] body = HostileLines.bodyOfSize("in-flight", HostileLines.LINES_IN_FLIGHT, HostileLines.BODY_BYTES_IN_FLIGHT);
            repeat(150, deadlineNanos, Duration.ofSeconds(1), answers, sender -> {
                try {
                    answers.count(client.ingest(ATTACKER, body).ingestOutcome());
                } catch (IOException e) {
                    answers.count("ingest " + Client.failure(e));
                }
            });
        }
    }
}
