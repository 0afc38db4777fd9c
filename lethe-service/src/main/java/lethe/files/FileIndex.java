package lethe.files;

import lethe.api.SessionFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code turn_files} in step with the stored turns: the ingest and the back-fill hand it the turns
 * they wrote, inside their own write transaction, so a turn's files are committed with it or not at all.
 */
public final class FileIndex {

    private final TouchedFiles touched;

    public FileIndex(TouchedFiles touched) {
        this.touched = touched;
    }

    /** A turn's files, from its tool call (none without one). */
    public List<TurnFile> files(long sessionPk, String turnId, String toolCallName, String toolCallInput) {
        List<TurnFile> files = new ArrayList<>();
        touched.of(toolCallName, toolCallInput)
                .forEach((path, changed) -> files.add(TurnFile.of(sessionPk, turnId, path, changed)));
        return files;
    }

    /** Files of turns stored for the first time. */
    public void added(FilesDao dao, List<TurnFile> files) {
        if (!files.isEmpty()) {
            dao.insert(files);
        }
    }

    /**
     * Files of turns whose stored row changed: whatever they had goes, and what they touch now comes.
     * {@code files} must hold each turn's files once (of its last copy).
     */
    public void replaced(FilesDao dao, List<TurnKey> turns, List<TurnFile> files) {
        if (!turns.isEmpty()) {
            dao.deleteFor(turns);
        }
        added(dao, files);
    }

    /**
     * A session's files sorted by path, each read and/or changed, with the turns that touched it in transcript
     * order (a turn once).
     */
    public static List<SessionFile> sessionFiles(List<FileTurnRow> rows) {
        Map<String, Touches> byPath = new LinkedHashMap<>();
        for (FileTurnRow row : rows) {
            Touches touches = byPath.computeIfAbsent(row.path(), path -> new Touches());
            touches.read |= !row.changed();
            touches.changed |= row.changed();
            if (!touches.turns.contains(row.turnId())) {
                touches.turns.add(row.turnId());
            }
        }
        return byPath.entrySet().stream()
                .map(entry -> new SessionFile(entry.getKey(), entry.getValue().read, entry.getValue().changed,
                        List.copyOf(entry.getValue().turns)))
                .sorted(Comparator.comparing(SessionFile::path))
                .toList();
    }

    private static final class Touches {
        private boolean read;
        private boolean changed;
        private final List<String> turns = new ArrayList<>();
    }
}
