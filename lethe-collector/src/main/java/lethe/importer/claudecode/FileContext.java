package lethe.importer.claudecode;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What mapping a line needs to know about the lines before it in the same file: the name of each tool
 * call (a result names only the call's id), the usage already counted for each response, the subagent
 * run each inline sidechain line belongs to, and the session meta last sent.
 *
 * <p>It is built only from earlier lines of the file, in order, so mapping is a pure function of the
 * file's prefix: a re-run that rebuilds it by replaying the lines already sent maps the next lines exactly
 * as an uninterrupted run would have.
 */
public final class FileContext {

    private final TranscriptFile file;
    private final String sourceLabel;
    final Map<String, String> toolNames = new HashMap<>();
    final Map<String, long[]> usageCounted = new HashMap<>();
    final Map<String, String> sidechainRoots = new HashMap<>();
    final Map<String, Map<String, Object>> metaSent = new HashMap<>();
    private long offset;
    private long lines;

    /** @param sourceLabel the file's path as shown to people ({@code ~/.claude/projects/…}) */
    public FileContext(TranscriptFile file, String sourceLabel) {
        this.file = Objects.requireNonNull(file, "file");
        this.sourceLabel = Objects.requireNonNull(sourceLabel, "sourceLabel");
    }

    public TranscriptFile file() {
        return file;
    }

    String sourceLabel() {
        return sourceLabel;
    }

    /** The byte offset just past the last line mapped with this context. */
    public long offset() {
        return offset;
    }

    /** How many lines have been mapped with this context. */
    public long lines() {
        return lines;
    }

    public void advance(long offset, long lines) {
        this.offset = offset;
        this.lines = lines;
    }
}
