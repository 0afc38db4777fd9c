package lethe.backup;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A consistent copy of a live lethe database, taken with {@code VACUUM INTO}.
 *
 * <p>{@code VACUUM INTO} reads the database inside one read transaction, so the copy is the database
 * as of one instant even while collectors keep writing (WAL lets the writer go on meanwhile), and it
 * comes out compacted. The copy is written next to the target under a temporary name, checked with
 * {@code PRAGMA integrity_check}, flushed to disk and only then renamed into place, so the target
 * path never holds a partial or unchecked file.
 */
public final class OnlineBackup {

    /** What was written, for the command's report. */
    public record Result(Path target, long bytes, long sessions, long turns) {
    }

    private OnlineBackup() {
    }

    public static Result copy(Path database, Path target, boolean overwrite) {
        if (!Files.isRegularFile(database)) {
            throw new BackupFailedException("there is no database at " + database + " (database.url in the config file)");
        }
        if (Files.isDirectory(target)) {
            throw new BackupFailedException(target + " is a directory; name the backup file, e.g. " + target.resolve("lethe.db"));
        }
        if (Files.exists(target) && !overwrite) {
            throw new BackupFailedException(target + " already exists; pass --force to overwrite it");
        }
        Path temporary = temporaryNextTo(target);
        try {
            vacuumInto(database, temporary);
            Result result = verify(temporary, target);
            flush(temporary);
            moveIntoPlace(temporary, target, overwrite);
            return result;
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static Path temporaryNextTo(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BackupFailedException("cannot create the directory " + parent + ": " + e.getMessage(), e);
        }
        return parent.resolve("." + target.getFileName() + ".partial-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    private static void vacuumInto(Path database, Path temporary) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, temporary.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new BackupFailedException("copying " + database + " failed: " + e.getMessage(), e);
        }
    }

    private static Result verify(Path copy, Path target) {
        try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + copy);
             Statement statement = connection.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                while (check.next()) {
                    problems.add(check.getString(1));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new BackupFailedException("the copy failed its integrity check and was discarded: "
                        + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
            }
            return new Result(target, Files.size(copy), count(statement, "sessions"), count(statement, "turns"));
        } catch (SQLException | IOException e) {
            throw new BackupFailedException("checking the copy failed: " + e.getMessage(), e);
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** VACUUM INTO does not promise the copy reached the disk; a backup that vanishes in a power cut is none. */
    private static void flush(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new BackupFailedException("cannot flush the copy to disk: " + e.getMessage(), e);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target, boolean overwrite) {
        try {
            if (overwrite) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                moveWithoutReplacing(temporary, target);
            }
        } catch (IOException e) {
            throw new BackupFailedException("cannot move the copy to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Without ATOMIC_MOVE, Files.move checks the target first and refuses to replace it. */
    private static void moveWithoutReplacing(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target);
        } catch (FileAlreadyExistsException e) {
            throw new BackupFailedException(target + " appeared while the backup ran; pass --force to overwrite it");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover ".partial-" file is harmless and says what it is
        }
    }
}
