package lethe.importer;

import lethe.api.WireRules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to import and how, independent of where the turns go.
 *
 * @param roots        directories (or single files) searched for {@code *.jsonl} transcripts
 * @param host         the {@code host} every turn is sent with
 * @param batchLines   turns per request at most (a line's turns always travel together)
 * @param batchBytes   encoded bytes per request at most (ditto)
 * @param maxLineBytes the server's {@code ingest.max_line_bytes}; a larger turn is cut to fit
 * @param dryRun       write turns to standard output; neither read nor write the state file
 * @param follow       keep polling for new lines and new files
 * @param stateFile    where progress is kept between runs
 * @param resend       forget the progress kept and send everything again (turns replace themselves by id)
 * @param maxAttachmentBytes the server's {@code ingest.max_attachment_bytes}; a larger image is left out,
 *                     with a placeholder saying so
 * @param deleted      sessions deleted on the server, left out ({@code --skip-deleted}); none by default
 */
public record ImportOptions(List<Path> roots, String host, int batchLines, long batchBytes, int maxLineBytes,
                            boolean dryRun, boolean follow, Duration pollInterval, Path stateFile, boolean resend,
                            long maxAttachmentBytes, DeletedSessions deleted) {

    public static final int DEFAULT_BATCH_LINES = 1000;
    public static final long DEFAULT_BATCH_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    public ImportOptions {
        roots = List.copyOf(roots);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(deleted, "deleted");
        if (batchLines < 1 || batchBytes < 1 || maxLineBytes < 1024 || maxAttachmentBytes < 0) {
            throw new IllegalArgumentException("batch sizes must be positive and the line limit at least 1024 bytes");
        }
    }

    /** Options for a one-off run with the defaults. */
    public static ImportOptions of(List<Path> roots, String host, Path stateFile) {
        return new ImportOptions(roots, host, DEFAULT_BATCH_LINES, DEFAULT_BATCH_BYTES, DEFAULT_MAX_LINE_BYTES,
                false, false, DEFAULT_POLL_INTERVAL, stateFile, false, WireRules.DEFAULT_MAX_ATTACHMENT_BYTES,
                DeletedSessions.none());
    }

    public ImportOptions withBatchLines(int lines) {
        return new ImportOptions(roots, host, lines, batchBytes, maxLineBytes, dryRun, follow, pollInterval, stateFile,
                resend, maxAttachmentBytes, deleted);
    }

    public ImportOptions withRoots(List<Path> newRoots) {
        return new ImportOptions(newRoots, host, batchLines, batchBytes, maxLineBytes, dryRun, follow, pollInterval, stateFile,
                resend, maxAttachmentBytes, deleted);
    }

    public ImportOptions withStateFile(Path file) {
        return new ImportOptions(roots, host, batchLines, batchBytes, maxLineBytes, dryRun, follow, pollInterval, file,
                resend, maxAttachmentBytes, deleted);
    }

    public ImportOptions withDryRun(boolean dry) {
        return new ImportOptions(roots, host, batchLines, batchBytes, maxLineBytes, dry, follow, pollInterval, stateFile,
                resend, maxAttachmentBytes, deleted);
    }

    public ImportOptions withResend(boolean again) {
        return new ImportOptions(roots, host, batchLines, batchBytes, maxLineBytes, dryRun, follow, pollInterval, stateFile,
                again, maxAttachmentBytes, deleted);
    }

    public ImportOptions withDeleted(DeletedSessions skipped) {
        return new ImportOptions(roots, host, batchLines, batchBytes, maxLineBytes, dryRun, follow, pollInterval, stateFile,
                resend, maxAttachmentBytes, skipped);
    }
}
