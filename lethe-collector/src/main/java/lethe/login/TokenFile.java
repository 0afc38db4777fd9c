package lethe.login;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code tokens.json}, readable by its owner alone: {@code $XDG_CONFIG_HOME/lethe/tokens.json}, or
 * {@code ~/.config/lethe/tokens.json}. The file is never written in place: a new one is created with
 * mode 0600 from the start (no moment in which it is readable by others) and renamed over the old one,
 * so a crash leaves either the old tokens or the new ones, never half a file.
 */
public final class TokenFile {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public TokenFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** Where {@code login} stores tokens for the current user. */
    public static Path defaultLocation() {
        return location(System.getenv(), System.getProperty("user.home"));
    }

    /** XDG Base Directory rules: a relative or empty {@code XDG_CONFIG_HOME} is ignored. */
    static Path location(Map<String, String> environment, String home) {
        String configHome = environment.get("XDG_CONFIG_HOME");
        Path base = configHome != null && !configHome.isBlank() && Path.of(configHome).isAbsolute()
                ? Path.of(configHome) : Path.of(home, ".config");
        return base.resolve("lethe").resolve("tokens.json");
    }

    public Path path() {
        return file;
    }

    /** The stored tokens; {@link LoginRequiredException} when there are none. */
    public StoredTokens read() {
        try {
            return JSON.readValue(Files.readAllBytes(file), StoredTokens.class);
        } catch (NoSuchFileException e) {
            throw new LoginRequiredException("There are no stored tokens in " + file + ".");
        } catch (IOException e) {
            throw new LoginRequiredException("The tokens in " + file + " cannot be read (" + e.getMessage() + ").");
        }
    }

    public void write(StoredTokens tokens) {
        try {
            Path directory = file.getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, ownerOnly(OWNER_DIR));
            }
            Path temporary = Files.createTempFile(directory, ".tokens", ".tmp", ownerOnly(OWNER_FILE));
            try {
                Files.write(temporary, JSON.writeValueAsBytes(tokens));
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new LoginException("Cannot write the tokens to " + file + " (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Runs {@code action} while holding an exclusive lock beside the file, so that two processes
     * refreshing at once do not both spend a refresh token the provider accepts only once.
     */
    <T> T locked(Supplier<T> action) {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new LoginException("Cannot lock " + lock + " (" + e.getMessage() + ").", e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** On file systems without POSIX permissions (Windows) the user's profile directory is private already. */
    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        }
        return new FileAttribute<?>[0];
    }
}
