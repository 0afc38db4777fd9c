package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.IngestResult;
import lethe.api.TurnEvent;
import lethe.importer.FileHead;
import lethe.importer.FileState;
import lethe.importer.FileTally;
import lethe.importer.ImportOptions;
import lethe.importer.ImportReport;
import lethe.importer.ImportState;
import lethe.importer.LineReader;
import lethe.importer.Progress;
import lethe.importer.StateFile;
import lethe.importer.TurnEncoder;
import lethe.importer.TurnSink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports Claude Code transcripts: finds them, reads each from where the last acknowledged run stopped,
 * maps every line, sends the turns in batches and records progress only after the server acknowledged it.
 *
 * <p>A file is read from the start again when it shrank, when its identity (inode) changed or when its
 * first bytes differ from those already imported: it was replaced. Resending is safe because the server
 * stores each turn once per turn id. To continue a file in the middle, the lines before the offset are
 * replayed through the mapper without sending, which restores exactly the context an uninterrupted run
 * would have had (see {@link FileContext}); {@code --follow} keeps contexts in memory instead.
 */
public final class ClaudeCodeImporter implements Closeable {

    public static final String SOURCE = "claude-code";
    static final int CACHED_CONTEXTS = 64;

    private final ImportOptions options;
    private final TurnSink sink;
    private final ClaudeCodeMapper mapper;
    private final TurnEncoder encoder;
    private final Progress progress;
    private final Path home;
    private final StateFile stateFile;
    private final ImportState state;
    private final LeafFinder leaves;
    /**
     * Contexts of the files read most recently, so that {@code --follow} continues a growing file without
     * replaying it; bounded, because a long history has thousands of files that never grow again.
     */
    private final Map<Path, FileContext> contexts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, FileContext> eldest) {
            return size() > CACHED_CONTEXTS;
        }
    };

    private ImportReport report;
    private Batch batch;
    /** The state changed outside any batch (vanished files forgotten) and must be saved. */
    private boolean stateChanged;
    private long filesDone;
    private long filesTotal;

    private ClaudeCodeImporter(ImportOptions options, TurnSink sink, ObjectMapper json, Progress progress, Path home,
                               StateFile stateFile, ImportState state) {
        this.options = options;
        this.sink = sink;
        this.mapper = new ClaudeCodeMapper(json, options.host(), options.maxAttachmentBytes());
        this.encoder = new TurnEncoder(json, options.maxLineBytes());
        this.progress = progress;
        this.home = home;
        this.stateFile = stateFile;
        this.state = state;
        this.leaves = new LeafFinder(json);
    }

    /**
     * Takes the state file (unless this is a dry run, which starts from nothing and keeps its state in
     * memory) and gets ready to import.
     *
     * @param json an ObjectMapper that writes numbers plainly ({@code lethe.json.PlainNumbers})
     */
    public static ClaudeCodeImporter open(ImportOptions options, TurnSink sink, ObjectMapper json, Progress progress,
                                          Path home) throws IOException {
        if (options.dryRun()) {
            return new ClaudeCodeImporter(options, sink, json, progress, home, null, new ImportState());
        }
        StateFile stateFile = StateFile.open(options.stateFile(), json);
        try {
            // --resend starts from nothing but keeps the state file, so later runs continue from this one.
            ImportState state = options.resend() ? new ImportState() : stateFile.load();
            return new ClaudeCodeImporter(options, sink, json, progress, home, stateFile, state);
        } catch (IOException | RuntimeException e) {
            stateFile.close();
            throw e;
        }
    }

    /** One pass over every transcript: sends what is new since the last acknowledged pass. */
    public ImportReport pass() throws IOException {
        report = new ImportReport();
        batch = new Batch();
        List<TranscriptFile> files = TranscriptFiles.find(options.roots(), report);
        forgetVanished(files);
        filesDone = 0;
        filesTotal = files.size();
        try {
            for (TranscriptFile file : files) {
                report.fileSeen();
                importFile(file);
                filesDone++;
            }
            flush();
            deliverTitles();
        } finally {
            progress.finish();
        }
        return report;
    }

    private void importFile(TranscriptFile file) throws IOException {
        Path path = file.path();
        String key = path.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException deletedMeanwhile) {
            return;
        }
        String fileKey = attributes.fileKey() == null ? null : attributes.fileKey().toString();
        long modified = attributes.lastModifiedTime().toMillis();
        FileState previous = state.file(key);
        if (previous != null && Objects.equals(previous.fileKey(), fileKey) && previous.modifiedMs() == modified
                && previous.offset() == attributes.size()) {
            report.fileUnchanged();
            return;
        }
        FileHead head = FileHead.read(path);
        boolean continues = previous != null && Objects.equals(previous.fileKey(), fileKey)
                && attributes.size() >= previous.offset()
                && head.digestUpTo(previous.offset()).equals(previous.headSha256());
        if (continues && attributes.size() == previous.offset()) {
            // Touched but not grown: remember the new time so the next pass skips it without reading.
            batch.checkpoints.put(key, new FileState(fileKey, modified, previous.offset(), previous.lines(), previous.headSha256()));
            report.fileUnchanged();
            return;
        }
        String label = label(path);
        long offset = continues ? previous.offset() : 0;
        long lines = continues ? previous.lines() : 0;
        FileContext context = contexts.get(path);
        if (context == null || context.offset() != offset || context.lines() != lines) {
            context = new FileContext(file, label);
            if (offset > 0 && !replay(context, offset, lines)) {
                offset = 0;
                lines = 0;
                context = new FileContext(file, label);
            }
            contexts.put(path, context);
        }
        FileTally tally = report.file(label);
        if (previous != null && offset == 0) {
            tally.rereadFromStart();
            // Forget the old offset even if the new file has no whole line yet, so it is not re-checked forever.
            batch.checkpoints.put(key, new FileState(fileKey, modified, 0, 0, head.digestUpTo(0)));
        }
        read(file, context, tally, new FileState(fileKey, modified, offset, lines, null), head);
    }

    private void read(TranscriptFile file, FileContext context, FileTally tally, FileState start, FileHead head)
            throws IOException {
        String key = file.path().toString();
        long previousEnd = start.offset();
        try (LineReader reader = LineReader.open(file.path(), start.offset(), start.lines())) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                if (!line.terminated() && !mapper.isCompleteObject(line.bytes(), line.length())) {
                    tally.incompleteTail();
                    break;
                }
                MappedLine mapped = mapper.map(context, line.bytes(), line.length(), line.number());
                context.advance(line.end(), line.number());
                report.bytesRead(line.end() - previousEnd);
                previousEnd = line.end();
                count(tally, mapped, line.number());
                for (TurnEvent turn : mapped.turns()) {
                    add(turn, context.sourceLabel() + ":" + line.number());
                }
                if (mapped.title() != null) {
                    batch.titlesRead.add(mapped.title());
                }
                batch.checkpoints.put(key, new FileState(start.fileKey(), start.modifiedMs(), line.end(), line.number(),
                        head.digestUpTo(line.end())));
                if (batch.isFull(options.batchLines(), options.batchBytes())) {
                    flush();
                }
                progress.update(report, filesDone, filesTotal);
            }
        }
    }

    /** Maps the lines before {@code offset} without sending them; false when they are not the lines imported before. */
    private boolean replay(FileContext context, long offset, long lines) throws IOException {
        try (LineReader reader = LineReader.open(context.file().path(), 0, 0)) {
            LineReader.Line line;
            while ((line = reader.next()) != null && line.number() <= lines) {
                mapper.map(context, line.bytes(), line.length(), line.number());
                if (line.end() == offset || line.contentEnd() == offset) {
                    context.advance(offset, lines);
                    return line.number() == lines;
                }
                if (line.end() > offset) {
                    return false;
                }
            }
            return false;
        }
    }

    private static void count(FileTally tally, MappedLine mapped, long lineNumber) {
        switch (mapped.outcome()) {
            case TURNS -> tally.conversation(mapped.turns().size());
            case TITLE -> tally.title();
            case SKIPPED -> tally.skipped(mapped.reason());
            case MALFORMED -> tally.malformed(lineNumber, mapped.reason());
        }
    }

    /** Queues the turn; false when it belongs to a session deleted on the server that is left out. */
    private boolean add(TurnEvent turn, String origin) {
        if (options.deleted().skips(turn)) {
            report.deletedSkipped(turn);
            return false;
        }
        TurnEncoder.Encoded encoded = encoder.encode(turn);
        if (encoded.truncated()) {
            report.turnTruncated();
        }
        batch.add(encoded.bytes(), origin);
        return true;
    }

    /** Sends the batch and, once the server has answered, makes its progress part of the state. */
    private void flush() throws IOException {
        if (batch.isEmpty() && !stateChanged) {
            return;
        }
        if (!batch.lines.isEmpty()) {
            IngestResult result = sink.send(batch.lines);
            long rejected = result.errors().stream().filter(error -> error.line() > 0).count();
            report.sent(batch.lines.size(), result.accepted(), rejected);
            for (IngestResult.LineError error : result.errors()) {
                report.problem("server rejected the turn from " + batch.origin(error.line()) + ": " + error.error());
            }
        }
        batch.checkpoints.forEach(state::put);
        batch.titlesRead.forEach(state::addPendingTitle);
        state.pendingTitles().removeAll(batch.titlesDone);
        if (stateFile != null) {
            stateFile.save(state);
        }
        stateChanged = false;
        batch = new Batch();
    }

    /**
     * Sends each title read from a {@code summary} line with the turn it points at: that turn again,
     * unchanged, with {@code title} added to its session meta. Resending a turn replaces it with itself,
     * and the server merges the meta into the session.
     */
    private void deliverTitles() throws IOException {
        if (state.pendingTitles().isEmpty()) {
            return;
        }
        Map<String, List<PendingTitle>> byProject = new LinkedHashMap<>();
        for (PendingTitle title : state.pendingTitles()) {
            byProject.computeIfAbsent(title.projectDir(), dir -> new ArrayList<>()).add(title);
        }
        for (Map.Entry<String, List<PendingTitle>> project : byProject.entrySet()) {
            Set<String> wanted = new HashSet<>();
            project.getValue().forEach(title -> wanted.add(title.leafUuid()));
            Map<String, LeafFinder.Leaf> found = leaves.find(Path.of(project.getKey()), wanted);
            for (PendingTitle title : project.getValue()) {
                LeafFinder.Leaf leaf = found.get(title.leafUuid());
                TurnEvent carrier = leaf == null ? null : carrier(leaf);
                if (carrier == null) {
                    report.titleUnresolved("title \"" + title.title() + "\": its turn " + title.leafUuid()
                            + " is in no transcript of " + label(Path.of(project.getKey())));
                } else if (add(withTitle(carrier, title.title()), "title of " + carrier.sessionId())) {
                    report.titleApplied();
                }
                batch.titlesDone.add(title);
            }
        }
        flush();
    }

    /** The leaf line's first turn as it was sent, or the turn before it when the leaf line made none. */
    private TurnEvent carrier(LeafFinder.Leaf leaf) throws IOException {
        FileContext context = new FileContext(TranscriptFile.of(leaf.file()), label(leaf.file()));
        TurnEvent latest = null;
        try (LineReader reader = LineReader.open(leaf.file(), 0, 0)) {
            LineReader.Line line;
            while ((line = reader.next()) != null && line.number() <= leaf.line()) {
                MappedLine mapped = mapper.map(context, line.bytes(), line.length(), line.number());
                if (!mapped.turns().isEmpty()) {
                    latest = mapped.turns().get(0);
                }
            }
        }
        return latest;
    }

    private static TurnEvent withTitle(TurnEvent turn, String title) {
        Map<String, Object> meta = turn.sessionMeta() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(turn.sessionMeta());
        meta.put("title", title);
        return turn.withSessionMeta(meta);
    }

    /** Drops the state of transcripts that are gone (Claude Code deletes old ones), so the state does not grow forever. */
    private void forgetVanished(List<TranscriptFile> files) {
        Set<String> present = new HashSet<>();
        files.forEach(file -> present.add(file.path().toString()));
        List<Path> roots = options.roots().stream().map(root -> root.toAbsolutePath().normalize()).toList();
        for (String path : List.copyOf(state.files().keySet())) {
            Path file = Path.of(path);
            if (!present.contains(path) && roots.stream().anyMatch(file::startsWith) && !Files.exists(file)) {
                state.files().remove(path);
                stateChanged = true;
            }
        }
    }

    /** A path as people write it: under the home directory as {@code ~/…}. */
    private String label(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (home != null && absolute.startsWith(home) && !absolute.equals(home)) {
            return "~/" + home.relativize(absolute).toString().replace('\\', '/');
        }
        return absolute.toString();
    }

    @Override
    public void close() throws IOException {
        if (stateFile != null) {
            stateFile.close();
        }
    }
}
