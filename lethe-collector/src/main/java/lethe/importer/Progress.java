package lethe.importer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line of a long import on standard error: rewritten in place on a terminal, a line every
 * few seconds otherwise (a log, a pipe). Short runs print nothing here; their summary is enough.
 */
public final class Progress {

    private static final long QUIET_START_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long lastPrinted = started;
    private boolean printedInPlace;

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 500_000_000L : 10_000_000_000L;
    }

    /** Called often; prints only when it is time to. */
    public void update(ImportReport report, long filesDone, long filesTotal) {
        long now = System.nanoTime();
        if (now - started < QUIET_START_NANOS || now - lastPrinted < intervalNanos) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        String line = String.format(Locale.ROOT, "files %d/%d, %d lines, %s, %d lines/s, %d turns sent",
                filesDone, filesTotal, report.linesRead(), ImportReport.megabytes(report.bytesRead()),
                Math.round(report.linesRead() / seconds), report.turnsSent());
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            printedInPlace = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends an in-place line so the summary starts on a fresh one. */
    public void finish() {
        if (printedInPlace) {
            out.println();
            printedInPlace = false;
        }
    }
}
