package lethe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shaded {@code lethe.jar} running as a child process, as an operator runs it, so that tests can do
 * to it what happens to a real server: {@code kill -9}, restart on the same database file.
 *
 * <p>The jar exists only after {@code package}; maven-failsafe runs the {@code *IT} classes after that
 * phase and passes its path in the {@code lethe.jar} system property.
 */
public final class CrashableLethe implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private CrashableLethe(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts lethe on {@code database} with a config written into {@code dir}, and waits until it serves. */
    public static CrashableLethe start(Path dir, Path database) {
        try {
            int port = freePort();
            Path config = dir.resolve("config-" + port + ".yml");
            Files.writeString(config, config(port, freePort(), database), StandardCharsets.UTF_8);
            Path log = dir.resolve("lethe-" + port + ".log");
            Process process = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar().toString(), "server", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            CrashableLethe lethe = new CrashableLethe(process, port, log);
            lethe.awaitReady();
            return lethe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path jar() {
        String jar = System.getProperty("lethe.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("lethe.jar not found (" + jar + "): run the *IT tests through `mvn verify`, "
                    + "which builds the jar and passes its path");
        }
        return Path.of(jar);
    }

    public Http http() {
        return Http.to(port);
    }

    /** SIGKILL: the JVM gets no chance to flush, close or run shutdown hooks. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as an operator's service manager stops it. */
    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Http alice = http().as("alice");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("lethe exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            try {
                if (alice.get("/api/v1/sessions?limit=1").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYetListening) {
                // keep polling until the deadline
            }
            sleep(50);
        }
        kill();
        throw new IllegalStateException("lethe was not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    private static String config(int port, int adminPort, Path database) {
        return """
                server:
                  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  requestLog: {appenders: []}
                database:
                  url: "jdbc:sqlite:%s"
                auth:
                  allowed_users: [alice, bob]
                  forward_auth: {enabled: true}
                logging:
                  level: WARN
                """.formatted(port, adminPort, database);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
