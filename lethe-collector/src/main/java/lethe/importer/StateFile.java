package lethe.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
 * The importer's state on disk. Saving writes a new file, syncs it and renames it over the old one, so
 * the file is always either the previous state or the new one, never half of each, whenever the process
 * dies. A lock file beside it keeps two importers from sharing one state.
 */
public final class StateFile implements Closeable {

    private final Path path;
    private final ObjectMapper json;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateFile(Path path, ObjectMapper json, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the state at {@code path} for this process, creating its directory when missing. */
    public static StateFile open(Path path, ObjectMapper json) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path lockPath = absolute.resolveSibling(absolute.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
        return new StateFile(absolute, json, channel, lock);
    }

    public Path path() {
        return path;
    }

    public ImportState load() throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            return new ImportState();
        }
        ImportState state;
        try {
            state = json.readValue(path.toFile(), ImportState.class);
        } catch (IOException e) {
            throw new ImportFailure("the state file " + path + " is not readable (" + e.getMessage()
                    + "); move it away to import everything again (resending is harmless)");
        }
        if (state.version() > ImportState.VERSION) {
            throw new ImportFailure("the state file " + path + " was written by a newer lethe; use that version");
        }
        return state;
    }

    public void save(ImportState state) throws IOException {
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
