package lethe.importer.sources;

import lethe.api.IngestResult;
import lethe.api.TurnEvent;
import lethe.importer.ImportOptions;
import lethe.importer.ImportReport;
import lethe.importer.TurnEncoder;
import lethe.importer.TurnSink;

import java.io.IOException;

/**
 * Sends turns in batches and, after each acknowledgement, applies what the batch made true and saves the
 * state: the one path from a mapped turn to the server for every importer built on it.
 */
public final class Delivery {

    /** Writes the importer's state; called after every acknowledged batch. */
    @FunctionalInterface
    public interface StateSaver {
        void save() throws IOException;
    }

    private final ImportOptions options;
    private final TurnSink sink;
    private final TurnEncoder encoder;
    private final StateSaver saver;
    private ImportReport report;
    private Outbox outbox = new Outbox();

    public Delivery(ImportOptions options, TurnSink sink, TurnEncoder encoder, StateSaver saver) {
        this.options = options;
        this.sink = sink;
        this.encoder = encoder;
        this.saver = saver;
    }

    /** Starts a pass that counts into {@code report}. */
    public void start(ImportReport report) {
        this.report = report;
        this.outbox = new Outbox();
    }

    /** Queues the turn, unless it belongs to a session deleted on the server that the import leaves out. */
    public void add(TurnEvent turn, String origin) {
        if (wanted(turn)) {
            add(encode(turn), origin);
        }
    }

    /** False (and counted in the report) for a turn of a session deleted on the server ({@code --skip-deleted}). */
    public boolean wanted(TurnEvent turn) {
        if (options.deleted().skips(turn)) {
            report.deletedSkipped(turn);
            return false;
        }
        return true;
    }

    /** Encodes a turn (cutting it to the line limit when needed, which the report counts). */
    public byte[] encode(TurnEvent turn) {
        TurnEncoder.Encoded encoded = encoder.encode(turn);
        if (encoded.truncated()) {
            report.turnTruncated();
        }
        return encoded.bytes();
    }

    public void add(byte[] encoded, String origin) {
        outbox.add(encoded, origin);
    }

    public void whenAcknowledged(Runnable change) {
        outbox.whenAcknowledged(change);
    }

    public void flushIfFull() throws IOException {
        if (outbox.isFull(options.batchLines(), options.batchBytes())) {
            flush();
        }
    }

    /** Sends what is waiting; once the server has answered, records it and saves the state. */
    public void flush() throws IOException {
        if (outbox.isEmpty()) {
            return;
        }
        Outbox sending = outbox;
        outbox = new Outbox();
        if (!sending.lines().isEmpty()) {
            IngestResult result = sink.send(sending.lines());
            long rejected = result.errors().stream().filter(error -> error.line() > 0).count();
            report.sent(sending.lines().size(), result.accepted(), rejected);
            for (IngestResult.LineError error : result.errors()) {
                report.problem("server rejected the turn from " + sending.origin(error.line()) + ": " + error.error());
            }
        }
        sending.acknowledged();
        saver.save();
    }
}
