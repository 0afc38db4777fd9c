package lethe.importer.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.TurnEvent;
import lethe.importer.FileTally;
import lethe.importer.ImportOptions;
import lethe.importer.ImportReport;
import lethe.importer.Progress;
import lethe.importer.StateFile;
import lethe.importer.TurnEncoder;
import lethe.importer.TurnSink;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a source whose units are rewritten rather than appended to (Gemini's chat files, opencode's
 * sessions): a unit whose stamp changed is read whole and mapped, and of its turns only those new or changed
 * since the last acknowledged pass are sent (see {@link SentTurns}). The state moves forward only after the
 * server has answered, so an interrupted run sends, the next time, exactly what was not acknowledged.
 */
public final class UnitImporter implements SourceImporter {

    /** Lists the units of one source. */
    @FunctionalInterface
    public interface Units {
        List<Unit> find(ImportReport report) throws IOException;
    }

    private static final int DIGEST_HEX = 16;

    private final String source;
    private final List<Path> scanned;
    private final Units units;
    private final Delivery delivery;
    private final Progress progress;
    private final StateFile stateFile;
    private final SentTurns state;
    /** Stamps of units that could not be read: not retried (nor reported again) until they change. */
    private final Map<String, String> unreadable = new HashMap<>();

    private UnitImporter(String source, List<Path> scanned, Units units, ImportOptions options, TurnSink sink,
                         ObjectMapper json, Progress progress, StateFile stateFile, SentTurns state) {
        this.source = source;
        this.scanned = List.copyOf(scanned);
        this.units = units;
        this.progress = progress;
        this.stateFile = stateFile;
        this.state = state;
        this.delivery = new Delivery(options, sink, new TurnEncoder(json, options.maxLineBytes()), this::save);
    }

    /** Takes the state file (a dry run starts from nothing and keeps its state in memory) and gets ready. */
    public static UnitImporter open(String source, List<Path> scanned, Units units, ImportOptions options,
                                    TurnSink sink, ObjectMapper json, Progress progress) throws IOException {
        if (options.dryRun()) {
            return new UnitImporter(source, scanned, units, options, sink, json, progress, null, new SentTurns());
        }
        StateFile stateFile = StateFile.open(options.stateFile(), json);
        try {
            // --resend starts from nothing but keeps the state file, so later runs continue from this one.
            SentTurns state = options.resend() ? new SentTurns()
                    : stateFile.load(SentTurns.class, SentTurns::new, sent -> sent.version, SentTurns.VERSION);
            return new UnitImporter(source, scanned, units, options, sink, json, progress, stateFile, state);
        } catch (IOException | RuntimeException e) {
            stateFile.close();
            throw e;
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<Path> scanned() {
        return scanned;
    }

    @Override
    public ImportReport pass() throws IOException {
        ImportReport report = new ImportReport();
        delivery.start(report);
        List<Unit> found = units.find(report);
        Set<String> present = new HashSet<>();
        long done = 0;
        try {
            for (Unit unit : found) {
                report.fileSeen();
                present.add(unit.key());
                importUnit(unit, report);
                progress.update(report, ++done, found.size());
            }
            forgetVanished(present);
            delivery.flush();
        } finally {
            progress.finish();
        }
        return report;
    }

    private void importUnit(Unit unit, ImportReport report) throws IOException {
        String key = unit.key();
        String stamp = unit.stamp();
        SentTurns.Unit previous = state.units.get(key);
        if (previous != null && stamp.equals(previous.stamp) || stamp.equals(unreadable.get(key))) {
            report.fileUnchanged();
            return;
        }
        FileTally tally = report.file(unit.label());
        List<TurnEvent> turns;
        try {
            turns = unit.turns(tally);
        } catch (Unit.Unreadable e) {
            tally.malformed(0, e.getMessage());
            unreadable.put(key, stamp);
            return;
        }
        unreadable.remove(key);
        Map<String, String> sent = previous == null ? Map.of() : previous.turns;
        for (TurnEvent turn : turns) {
            byte[] encoded = delivery.encode(turn);
            String digest = digest(encoded);
            report.bytesRead(encoded.length);
            if (digest.equals(sent.get(turn.turnId()))) {
                continue;
            }
            // A turn left out (--skip-deleted) is recorded as sent all the same, as the line-based importers
            // move past its line: only --resend offers it again.
            if (delivery.wanted(turn)) {
                delivery.add(encoded, unit.label() + " turn " + turn.turnId());
            }
            String turnId = turn.turnId();
            delivery.whenAcknowledged(() -> state.unit(key).turns.put(turnId, digest));
            delivery.flushIfFull();
        }
        delivery.whenAcknowledged(() -> state.unit(key).stamp = stamp);
        delivery.flushIfFull();
    }

    /** Drops units that are gone (deleted files, sessions), so the state does not grow forever. */
    private void forgetVanished(Set<String> present) {
        Set<String> gone = new HashSet<>(state.units.keySet());
        gone.removeAll(present);
        if (!gone.isEmpty()) {
            delivery.whenAcknowledged(() -> gone.forEach(state.units::remove));
        }
    }

    static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash).substring(0, DIGEST_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void save() throws IOException {
        if (stateFile != null) {
            stateFile.save(state);
        }
    }

    @Override
    public void close() throws IOException {
        if (stateFile != null) {
            stateFile.close();
        }
    }
}
