package lethe.importer.opencode;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.importer.ImportReport;
import lethe.importer.sources.Unit;
import lethe.importer.sources.UnitImporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * opencode's sessions: the database {@code opencode.db} and the legacy {@code storage/} tree of its data
 * directory ({@code $XDG_DATA_HOME/opencode}, default {@code ~/.local/share/opencode}). A session both hold
 * (opencode ≥ 1.2 migrated it) is read from the database only.
 */
public final class Opencode implements UnitImporter.Units {

    public static final String SOURCE = "opencode";
    static final String DATABASE = "opencode.db";
    static final String STORAGE = "storage";

    private final List<Path> dataDirs;
    private final Path home;
    private final ObjectMapper json;
    private final OpencodeMapper mapper;

    public Opencode(List<Path> dataDirs, Path home, ObjectMapper json, String host, long maxAttachmentBytes) {
        this.dataDirs = List.copyOf(dataDirs);
        this.home = home;
        this.json = json;
        this.mapper = new OpencodeMapper(json, host, maxAttachmentBytes);
    }

    /** opencode's data directory: {@code $XDG_DATA_HOME/opencode}, else {@code ~/.local/share/opencode}. */
    public static List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
        return List.of(base.resolve("opencode"));
    }

    /** True when {@code dir} holds opencode's data (a database or a storage tree). */
    public static boolean holdsData(Path dir) {
        return Files.isRegularFile(dir.resolve(DATABASE)) || Files.isDirectory(dir.resolve(STORAGE).resolve("session"))
                || Files.isRegularFile(dir) && dir.getFileName().toString().endsWith(".db");
    }

    @Override
    public List<Unit> find(ImportReport report) throws IOException {
        List<Unit> units = new ArrayList<>();
        for (Path dir : dataDirs) {
            Set<String> inDatabase = new HashSet<>();
            Path database = Files.isRegularFile(dir) ? dir : dir.resolve(DATABASE);
            if (Files.isRegularFile(database)) {
                units.addAll(new OpencodeDatabase(database, home, json, mapper).units(report, inDatabase));
            }
            Path storage = dir.resolve(STORAGE);
            if (Files.isDirectory(storage)) {
                units.addAll(new OpencodeStorage(storage, home, json, mapper).units(report, inDatabase));
            }
        }
        return units;
    }
}
