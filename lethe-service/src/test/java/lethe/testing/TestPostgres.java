package lethe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's binaries ({@code apt-get install postgresql}, under
 * {@code /usr/lib/postgresql/15/bin}, or {@code -Dlethe.test.postgres.bin}), a throwaway cluster in a
 * temporary directory on a free loopback port, started once per test JVM and stopped when it exits.
 * Every caller of {@link #freshDatabase()} gets a database of its own, so test classes never see each
 * other's data.
 *
 * <p>{@code initdb} costs seconds on a busy machine and surefire runs each test class in a JVM of its
 * own, so the cluster is initialised once per machine into a template directory and each JVM starts
 * from a copy of it. PostgreSQL refuses to run as root: when the tests do, the server runs as
 * {@code nobody}. The cluster skips fsync (a test machine's power cut loses nothing of value) and
 * autovacuum (so that only lethe's own transactions move the transaction counter that
 * {@link DatabaseProbe#writeVersion()} reads).
 */
public final class TestPostgres {

    /** The role lethe connects as: an ordinary role owning its database, as an operator would set it up. */
    public static final String USER = "lethe";

    private static final Path BIN = Path.of(System.getProperty("lethe.test.postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final Path TEMPLATE = Path.of(System.getProperty("java.io.tmpdir"), "lethe-postgres-template-15");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestPostgres shared;

    private final Path directory;
    private final int port;

    private TestPostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** The JVM's server, started on first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop-test-postgres"));
        }
        return shared;
    }

    /** A new, empty database owned by {@link #USER}; its JDBC URL. */
    public String freshDatabase() {
        String name = "lethe_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    private static TestPostgres start() {
        try {
            ensureTemplate();
            Path directory = Files.createTempDirectory("lethe-postgres");
            giveToServerUser(directory);
            run(List.of("cp", "-a", TEMPLATE.resolve("data").toString(), directory.resolve("data").toString()), false);
            IOException lastFailure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
                            "-l", directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                            "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                                    + "-c fsync=off -c full_page_writes=off -c autovacuum=off -c max_connections=200",
                            "start"), true);
                    TestPostgres server = new TestPostgres(directory, port);
                    server.createRole();
                    return server;
                } catch (IOException e) {
                    lastFailure = e;
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL from " + BIN
                    + " (on Debian: apt-get install postgresql)", e);
        }
    }

    private void createRole() throws IOException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN");
        } catch (SQLException e) {
            throw new IOException("cannot create role " + USER, e);
        }
    }

    private void stop() {
        try {
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"), true);
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("stopping the test PostgreSQL failed: " + e.getMessage());
        }
    }

    /** initdb once per machine; JVMs arriving together wait on a file lock, and only a finished template counts. */
    private static void ensureTemplate() throws IOException {
        Path ready = TEMPLATE.resolve("ready");
        if (Files.exists(ready)) {
            return;
        }
        Path lockFile = Path.of(TEMPLATE + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(ready)) {
                return;
            }
            Path building = Files.createTempDirectory(TEMPLATE.getParent(), "lethe-postgres-template-build");
            giveToServerUser(building);
            run(List.of(BIN.resolve("initdb").toString(), "-D", building.resolve("data").toString(), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"), true);
            Files.createFile(building.resolve("ready"));
            if (Files.exists(TEMPLATE)) {
                run(List.of("rm", "-rf", TEMPLATE.toString()), false);
            }
            Files.move(building, TEMPLATE, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void giveToServerUser(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (ROOT) {
            UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(directory, nobody);
        }
    }

    private static void run(List<String> command, boolean asServerUser) throws IOException {
        List<String> full = new ArrayList<>();
        if (asServerUser && ROOT) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed (" + process.exitValue() + "): " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
