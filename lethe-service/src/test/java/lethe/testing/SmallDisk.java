package lethe.testing;

import io.dropwizard.testing.ConfigOverride;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Storage that runs out, for disk-full tests, with some of it taken by ballast that the test can free.
 *
 * <p>Where the test may mount file systems (root on Linux, as in CI) it is a real 24 MiB tmpfs holding
 * the database and a ballast file, so SQLite meets a real ENOSPC. Elsewhere SQLite's own limit stands in
 * for the disk: {@code max_page_count} caps the file, and the ballast is a table of blobs inside it
 * ({@code -Dlethe.small-disk=page-limit} picks this one even as root). The ballast is half the space:
 * once freed, the search index catching up on what was stored before the disk filled takes some of it.
 */
public abstract class SmallDisk implements AutoCloseable {

    static final int BALLAST_BYTES = 12 * 1024 * 1024;

    final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    public static SmallDisk create(Path dir) {
        Path mountPoint = dir.resolve("small-disk");
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean tmpfsWanted = !"page-limit".equals(System.getProperty("lethe.small-disk"));
        if (tmpfsWanted && run("mount", "-t", "tmpfs", "-o", "size=24m", "lethe-test", mountPoint.toString())) {
            return new Tmpfs(mountPoint);
        }
        return new PageLimit(mountPoint);
    }

    public Path database() {
        return dir.resolve("lethe.db");
    }

    /** Overrides for {@code LetheApp}/{@code DropwizardTestSupport} beyond the database URL. */
    public abstract List<ConfigOverride> overrides();

    /** Makes room again, as an operator deleting old files would. */
    public abstract void freeBallast();

    public abstract String kind();

    private static final class Tmpfs extends SmallDisk {

        Tmpfs(Path mountPoint) {
            super(mountPoint);
            try {
                Files.write(dir.resolve("ballast"), new byte[BALLAST_BYTES]);
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<ConfigOverride> overrides() {
            return List.of();
        }

        @Override
        public void freeBallast() {
            try {
                Files.delete(dir.resolve("ballast"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String kind() {
            return "8 MiB tmpfs";
        }

        @Override
        public void close() {
            if (!run("umount", dir.toString())) {
                run("umount", "-l", dir.toString());
            }
        }
    }

    private static final class PageLimit extends SmallDisk {

        private static final int MAX_PAGES = 6_144;

        PageLimit(Path dir) {
            super(dir);
            execute("CREATE TABLE ballast (bytes BLOB)", "INSERT INTO ballast VALUES (zeroblob(" + BALLAST_BYTES + "))");
        }

        @Override
        public List<ConfigOverride> overrides() {
            return List.of(ConfigOverride.config("database.properties.max_page_count", Integer.toString(MAX_PAGES)));
        }

        @Override
        public void freeBallast() {
            execute("DELETE FROM ballast");
        }

        @Override
        public String kind() {
            return "SQLite max_page_count of " + MAX_PAGES + " pages";
        }

        @Override
        public void close() {
        }

        private void execute(String... statements) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database())) {
                for (String sql : statements) {
                    connection.createStatement().execute(sql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public abstract void close();
}
