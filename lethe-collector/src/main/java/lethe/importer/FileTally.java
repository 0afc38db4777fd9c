package lethe.importer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What became of the lines of one file in one run: every line read is counted in exactly one bucket. */
public final class FileTally {

    /** Malformed lines listed by number; more are only counted, so one broken file cannot flood the report. */
    static final int LISTED_MALFORMED = 20;

    private long lines;
    private long conversationLines;
    private long turns;
    private long titleLines;
    private long malformed;
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<String> malformedListed = new ArrayList<>();
    private boolean rereadFromStart;
    private boolean incompleteTail;

    public void conversation(int turnCount) {
        lines++;
        conversationLines++;
        turns += turnCount;
    }

    public void title() {
        lines++;
        titleLines++;
    }

    public void skipped(String reason) {
        lines++;
        skipped.merge(reason, 1L, Long::sum);
    }

    public void malformed(long lineNumber, String reason) {
        lines++;
        malformed++;
        if (malformedListed.size() < LISTED_MALFORMED) {
            malformedListed.add("line " + lineNumber + ": " + reason);
        }
    }

    public void rereadFromStart() {
        rereadFromStart = true;
    }

    public void incompleteTail() {
        incompleteTail = true;
    }

    /** Lines read in this run. */
    public long lines() {
        return lines;
    }

    /** Lines that became turns. */
    public long conversationLines() {
        return conversationLines;
    }

    /** Turns made from them (one per content block). */
    public long turns() {
        return turns;
    }

    /** {@code summary} lines, whose title goes to the session holding their leaf turn. */
    public long titleLines() {
        return titleLines;
    }

    public long malformed() {
        return malformed;
    }

    /** Skipped lines by reason. */
    public Map<String, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The first malformed lines, as {@code line N: reason}. */
    public List<String> malformedListed() {
        return Collections.unmodifiableList(malformedListed);
    }

    public boolean wasRereadFromStart() {
        return rereadFromStart;
    }

    /** The file ends in a line still being written; it is read once its newline arrives. */
    public boolean hasIncompleteTail() {
        return incompleteTail;
    }
}
