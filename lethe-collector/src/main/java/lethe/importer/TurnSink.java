package lethe.importer;

import lethe.api.IngestResult;

import java.io.IOException;
import java.util.List;

/** Where encoded turns go: a lethe server, or standard output for {@code --dry-run}. */
public interface TurnSink {

    /**
     * Delivers NDJSON lines (without their newlines) as one unit. Returning means every line was taken
     * (stored, or rejected with a reason in the result); throwing means none may be counted as sent.
     */
    IngestResult send(List<byte[]> lines) throws IOException;
}
