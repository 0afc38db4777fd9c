package lethe.importer.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.importer.ImportFailure;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The {@link SentTurns} of an importer on disk: written to a new file, synced and renamed over the old one,
 * so it is always either the previous state or the new one whenever the process dies; a lock beside it
 * keeps two importers from sharing it.
 */
public final class JsonStateFile implements Closeable {

    private final Path path;
    private final ObjectMapper json;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private JsonStateFile(Path path, ObjectMapper json, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.json = json;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static JsonStateFile open(Path path, ObjectMapper json) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        FileChannel channel = FileChannel.open(absolute.resolveSibling(absolute.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ImportFailure("another import is running with the state file " + absolute
                    + "; wait for it to finish or give this one its own --state");
        }
        return new JsonStateFile(absolute, json, channel, lock);
    }

    public SentTurns load() throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            return new SentTurns();
        }
        SentTurns state;
        try {
            state = json.readValue(path.toFile(), SentTurns.class);
        } catch (IOException e) {
            throw new ImportFailure("the state file " + path + " is not readable (" + e.getMessage()
                    + "); move it away to import everything again (resending is harmless)");
        }
        if (state.version > SentTurns.VERSION) {
            throw new ImportFailure("the state file " + path + " was written by a newer lethe; use that version");
        }
        return state;
    }

    public void save(SentTurns state) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(json.writeValueAsBytes(state));
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
