package lethe.importer;

import lethe.api.TurnEvent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The figures of one import run, and the summary printed at its end. */
public final class ImportReport {

    static final int LISTED_PROBLEMS = 20;

    private final long startedNanos = System.nanoTime();
    private final Map<String, FileTally> files = new LinkedHashMap<>();
    private long filesSeen;
    private long filesUnchanged;
    private long bytesRead;
    private long requests;
    private long turnsSent;
    private long accepted;
    private long rejected;
    private long truncated;
    private long titlesApplied;
    private long titlesUnresolved;
    private final Set<String> deletedSessionsSkipped = new HashSet<>();
    private long deletedTurnsSkipped;
    private final List<String> problems = new ArrayList<>();

    /** The tally of the file with this label, created on first use. */
    public FileTally file(String label) {
        return files.computeIfAbsent(label, key -> new FileTally());
    }

    public Map<String, FileTally> files() {
        return Collections.unmodifiableMap(files);
    }

    public void fileSeen() {
        filesSeen++;
    }

    public void fileUnchanged() {
        filesUnchanged++;
    }

    public void bytesRead(long bytes) {
        bytesRead += bytes;
    }

    public void turnTruncated() {
        truncated++;
    }

    public void sent(int turns, long acceptedTurns, long rejectedTurns) {
        requests++;
        turnsSent += turns;
        accepted += acceptedTurns;
        rejected += rejectedTurns;
    }

    /** A turn of a session deleted on the server, left out ({@code --skip-deleted}). */
    public void deletedSkipped(TurnEvent turn) {
        deletedTurnsSkipped++;
        deletedSessionsSkipped.add(turn.tool() + "/" + turn.host() + "/" + turn.sessionId());
    }

    public void problem(String text) {
        if (problems.size() < LISTED_PROBLEMS) {
            problems.add(text);
        }
    }

    public void titleApplied() {
        titlesApplied++;
    }

    public void titleUnresolved(String text) {
        titlesUnresolved++;
        problem(text);
    }

    public long linesRead() {
        return files.values().stream().mapToLong(FileTally::lines).sum();
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long filesSeen() {
        return filesSeen;
    }

    public long filesUnchanged() {
        return filesUnchanged;
    }

    public long requests() {
        return requests;
    }

    public long turnsSent() {
        return turnsSent;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    public long truncated() {
        return truncated;
    }

    public long titlesApplied() {
        return titlesApplied;
    }

    public long titlesUnresolved() {
        return titlesUnresolved;
    }

    /** Sessions deleted on the server whose turns this run left out. */
    public long deletedSessionsSkipped() {
        return deletedSessionsSkipped.size();
    }

    public long deletedTurnsSkipped() {
        return deletedTurnsSkipped;
    }

    /** Rejected turns and unresolved titles, as listed in the summary. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The end-of-run summary, for standard error. */
    public void print(PrintStream out, String source, boolean dryRun) {
        double seconds = elapsedSeconds();
        long lines = linesRead();
        long rereads = files.values().stream().filter(FileTally::wasRereadFromStart).count();
        out.printf(Locale.ROOT, "lethe import %s: %d files (%d with new lines, %d unchanged%s), %d lines, %s in %.1f s (%s lines/s)%n",
                source, filesSeen, files.size(), filesUnchanged, rereads > 0 ? ", " + rereads + " re-read from the start" : "",
                lines, megabytes(bytesRead), seconds, Math.round(lines / Math.max(seconds, 0.001)));
        if (dryRun) {
            out.printf(Locale.ROOT, "  dry run: %d turns written to standard output, nothing sent, state untouched%n", turnsSent);
        } else {
            out.printf(Locale.ROOT, "  sent %d turns in %d requests: %d accepted, %d rejected%n", turnsSent, requests, accepted, rejected);
        }
        if (deletedTurnsSkipped > 0) {
            out.println(leftOut(deletedTurnsSkipped, deletedSessionsSkipped.size()));
        }
        if (truncated > 0) {
            out.printf(Locale.ROOT, "  %d turns cut to fit the server's line limit (--max-line-bytes)%n", truncated);
        }
        Map<String, Long> skipped = new TreeMap<>();
        long malformed = 0;
        long titles = 0;
        for (FileTally tally : files.values()) {
            tally.skipped().forEach((reason, count) -> skipped.merge(reason, count, Long::sum));
            malformed += tally.malformed();
            titles += tally.titleLines();
        }
        if (!skipped.isEmpty()) {
            out.printf(Locale.ROOT, "  skipped %d lines: %s%n", skipped.values().stream().mapToLong(Long::longValue).sum(),
                    String.join(", ", skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
        }
        if (titles > 0 || titlesApplied > 0 || titlesUnresolved > 0) {
            out.printf(Locale.ROOT, "  titles: %d summary lines read, %d titles delivered, %d whose turn was not found%n",
                    titles, titlesApplied, titlesUnresolved);
        }
        if (malformed > 0) {
            out.printf(Locale.ROOT, "  malformed %d lines (reported, skipped):%n", malformed);
            files.forEach((file, tally) -> tally.malformedListed().forEach(line -> out.println("    " + file + ": " + line)));
        }
        problems.forEach(problem -> out.println("  " + problem));
        files.forEach((file, tally) -> {
            if (tally.hasIncompleteTail()) {
                out.println("  " + file + ": last line not complete yet; it is sent once its newline is written");
            }
        });
    }

    /** The summary's line for turns left out by {@code --skip-deleted}. */
    static String leftOut(long turns, long sessions) {
        return "  left out " + turns + " turn" + (turns == 1 ? "" : "s") + " of " + sessions + " session"
                + (sessions == 1 ? "" : "s") + " deleted on the server (--skip-deleted)";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
