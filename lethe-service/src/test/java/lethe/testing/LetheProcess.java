package lethe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * The shipped {@code lethe.jar} run as a child process, the way an operator runs it: its own JVM,
 * a config file on disk, signals from outside. Only integration tests (run after {@code package})
 * use it; the jar's path comes from the {@code lethe.jar} system property failsafe sets.
 */
public final class LetheProcess implements AutoCloseable {

    private final Path directory;
    private final Path config;
    private final Path output;
    private final int port;
    private final int adminPort;
    private Process process;

    private LetheProcess(Path directory, String shutdownGracePeriod, String databaseUrl, String databaseUser)
            throws IOException {
        this.directory = directory;
        this.port = freePort();
        this.adminPort = freePort();
        this.config = directory.resolve("config.yml");
        this.output = directory.resolve("lethe.out");
        Files.writeString(config, """
                server:
                  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  requestLog: {appenders: []}
                  shutdownGracePeriod: %s
                database:
                  url: "%s"
                  user: "%s"
                auth:
                  allowed_users: [alice, bob]
                """.formatted(port, adminPort, shutdownGracePeriod,
                databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + database(), databaseUser));
    }

    /**
     * Starts {@code java -jar lethe.jar server config.yml} and waits until its admin port answers /healthz.
     *
     * @param shutdownGracePeriod how long SIGTERM waits for requests in flight, e.g. "15s"
     */
    public static LetheProcess start(Path directory, String shutdownGracePeriod) throws IOException, InterruptedException {
        return start(new LetheProcess(directory, shutdownGracePeriod, null, ""));
    }

    /**
     * Starts it on a database of the caller's choosing (a replica: several processes, one database),
     * with {@code directory} for its config and output only.
     */
    public static LetheProcess start(Path directory, String databaseUrl, String databaseUser)
            throws IOException, InterruptedException {
        return start(new LetheProcess(directory, "15s", databaseUrl, databaseUser));
    }

    private static LetheProcess start(LetheProcess lethe) throws IOException, InterruptedException {
        lethe.process = new ProcessBuilder(command("server", lethe.config.toString()))
                .directory(lethe.directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(lethe.output.toFile())
                .start();
        lethe.awaitReady();
        return lethe;
    }

    /** Starts it with the default grace period; started again on the same directory, it reopens the same database. */
    public static LetheProcess start(Path directory) throws IOException, InterruptedException {
        return start(directory, "15s");
    }

    /** Runs another command of the jar (e.g. {@code backup}) to its end. */
    public static Finished run(Path directory, String... arguments) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(arguments)).directory(directory.toFile()).start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lethe.jar " + String.join(" ", arguments) + " did not finish");
        }
        return new Finished(process.exitValue(), new String(stdout), new String(stderr));
    }

    public record Finished(int exitCode, String stdout, String stderr) {
    }

    public Path config() {
        return config;
    }

    public Path database() {
        return directory.resolve("data/lethe.db");
    }

    public Http app() {
        return Http.to(port);
    }

    public Http admin() {
        return Http.to(adminPort);
    }

    public int port() {
        return port;
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as systemd or docker stop send it. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: the JVM gets no chance to flush, close or run shutdown hooks. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("lethe did not exit within " + limit + ":\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        try {
            // Generous: on a loaded CI machine two JVMs starting at once each take over a minute.
            await("lethe answering /healthz").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                    .failFast("lethe exited during startup", () -> !process.isAlive())
                    .until(() -> live(client));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            close();
            throw new AssertionError(e.getMessage() + ":\n" + output(), e);
        }
    }

    private boolean live(HttpClient client) throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + adminPort + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        }
    }

    private static List<String> command(String... arguments) {
        String jar = System.getProperty("lethe.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property lethe.jar must name the built jar (run with mvn verify)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar));
        command.addAll(List.of(arguments));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
