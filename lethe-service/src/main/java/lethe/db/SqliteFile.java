package lethe.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a {@code jdbc:sqlite:} URL keeps its data, and making sure that place can hold a database. */
public final class SqliteFile {

    private static final String PREFIX = "jdbc:sqlite:";

    private SqliteFile() {
    }

    /** The file behind the URL, or empty for in-memory databases. */
    public static Optional<Path> of(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new DatabaseOpenException("database.url must start with " + PREFIX + " (got " + url + ")");
        }
        String location = url.substring(PREFIX.length());
        int query = location.indexOf('?');
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.isEmpty() || location.equals(":memory:") || location.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location).toAbsolutePath().normalize());
    }

    /** Creates the parent directory when missing; sqlite-jdbc itself would only say SQLITE_CANTOPEN. */
    public static void prepare(String url) {
        of(url).ifPresent(file -> {
            Path dir = file.getParent();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new DatabaseOpenException("cannot create database directory " + dir + ": " + e.getMessage(), e);
            }
            if (!Files.isWritable(dir)) {
                throw new DatabaseOpenException("database directory " + dir + " is not writable");
            }
            if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
                throw new DatabaseOpenException("database file " + file + " is not a writable regular file");
            }
        });
    }

    /** Bytes on disk of the database and its WAL, for the size gauge. */
    public static long sizeOnDisk(Path file) {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                total += Files.size(Path.of(file + suffix));
            } catch (IOException ignored) {
                // a missing WAL simply adds nothing
            }
        }
        return total;
    }
}
