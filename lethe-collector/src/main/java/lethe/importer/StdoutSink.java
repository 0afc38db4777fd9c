package lethe.importer;

import lethe.api.IngestResult;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** {@code --dry-run}: the NDJSON a run would send, on standard output, ready to pipe into curl. */
public final class StdoutSink implements TurnSink {

    private final OutputStream out;

    public StdoutSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public IngestResult send(List<byte[]> lines) throws IOException {
        for (byte[] line : lines) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
        return new IngestResult(lines.size(), List.of());
    }
}
