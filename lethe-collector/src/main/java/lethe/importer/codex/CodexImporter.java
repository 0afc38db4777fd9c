package lethe.importer.codex;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import lethe.importer.sources.Delivery;
import lethe.importer.sources.JsonlFiles;
import lethe.importer.sources.Labels;
import lethe.importer.sources.Mapped;
import lethe.importer.sources.SourceImporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Imports Codex rollouts ({@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl} and
 * {@code archived_sessions/}): reads each from where the last acknowledged run stopped, maps every line,
 * sends the turns in batches and records progress only once the server acknowledged it.
 *
 * <p>Progress is kept per rollout file name (unique: a time and the thread's id), so a rollout Codex moves
 * to {@code archived_sessions/} is not sent again. A file that shrank, or whose first bytes changed, is
 * read from the start again (resending is harmless: the server keeps each turn once per id). To continue a
 * file in the middle, the lines already sent are replayed through the mapper without sending, which
 * restores exactly what an uninterrupted run would know; {@code --follow} keeps that in memory instead.
 */
public final class CodexImporter implements SourceImporter {

    public static final String SOURCE = "codex";
    static final int CACHED_THREADS = 64;

    private final ImportOptions options;
    private final CodexMapper mapper;
    private final Delivery delivery;
    private final Progress progress;
    private final Path home;
    private final StateFile stateFile;
    private final ImportState state;
    private final Map<Path, CodexThread> threads = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, CodexThread> eldest) {
            return size() > CACHED_THREADS;
        }
    };
    private ImportReport report;
    private long filesDone;
    private long filesTotal;

    private CodexImporter(ImportOptions options, TurnSink sink, ObjectMapper json, Progress progress, Path home,
                          StateFile stateFile, ImportState state) {
        this.options = options;
        this.mapper = new CodexMapper(json, options.host(), options.maxAttachmentBytes());
        this.progress = progress;
        this.home = home;
        this.stateFile = stateFile;
        this.state = state;
        this.delivery = new Delivery(options, sink, new TurnEncoder(json, options.maxLineBytes()), this::save);
    }

    /**
     * Takes the state file (a dry run starts from nothing and keeps its state in memory) and gets ready.
     *
     * @param json an ObjectMapper that writes numbers plainly (the collector's wire mapper)
     */
    public static CodexImporter open(ImportOptions options, TurnSink sink, ObjectMapper json, Progress progress,
                                     Path home) throws IOException {
        if (options.dryRun()) {
            return new CodexImporter(options, sink, json, progress, home, null, new ImportState());
        }
        StateFile stateFile = StateFile.open(options.stateFile(), json);
        try {
            // --resend starts from nothing but keeps the state file, so later runs continue from this one.
            ImportState state = options.resend() ? new ImportState() : stateFile.load();
            return new CodexImporter(options, sink, json, progress, home, stateFile, state);
        } catch (IOException | RuntimeException e) {
            stateFile.close();
            throw e;
        }
    }

    /** Codex's own directories: {@code $CODEX_HOME} (default {@code ~/.codex}) {@code sessions} and {@code archived_sessions}. */
    public static List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String codexHome = environment.get("CODEX_HOME");
        Path base = codexHome != null && !codexHome.isBlank() ? Path.of(codexHome) : home.resolve(".codex");
        return List.of(base.resolve("sessions"), base.resolve("archived_sessions"));
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public List<Path> scanned() {
        return options.roots();
    }

    @Override
    public ImportReport pass() throws IOException {
        report = new ImportReport();
        delivery.start(report);
        List<Path> files = JsonlFiles.find(options.roots(), file -> file.getFileName().toString().endsWith(".jsonl"), report);
        filesDone = 0;
        filesTotal = files.size();
        try {
            for (Path file : files) {
                report.fileSeen();
                importFile(file);
                filesDone++;
            }
            delivery.flush();
        } finally {
            progress.finish();
        }
        return report;
    }

    private void importFile(Path path) throws IOException {
        String key = stateKey(path);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException movedMeanwhile) {
            return;
        }
        String fileKey = attributes.fileKey() == null ? null : attributes.fileKey().toString();
        long modified = attributes.lastModifiedTime().toMillis();
        FileState previous = state.file(key);
        if (previous != null && previous.modifiedMs() == modified && previous.offset() == attributes.size()) {
            report.fileUnchanged();
            return;
        }
        FileHead head = FileHead.read(path);
        boolean continues = previous != null && attributes.size() >= previous.offset()
                && head.digestUpTo(previous.offset()).equals(previous.headSha256());
        if (continues && attributes.size() == previous.offset()) {
            FileState touched = new FileState(fileKey, modified, previous.offset(), previous.lines(), previous.headSha256());
            delivery.whenAcknowledged(() -> state.put(key, touched));
            report.fileUnchanged();
            return;
        }
        String label = Labels.of(path, home);
        long offset = continues ? previous.offset() : 0;
        long lines = continues ? previous.lines() : 0;
        CodexThread thread = threads.get(path);
        if (thread == null || thread.offset != offset || thread.lines != lines) {
            thread = new CodexThread(CodexMapper.fileSessionId(path.getFileName().toString()), label);
            if (offset > 0 && !replay(path, thread, offset, lines)) {
                offset = 0;
                lines = 0;
                thread = new CodexThread(CodexMapper.fileSessionId(path.getFileName().toString()), label);
            }
            threads.put(path, thread);
        }
        FileTally tally = report.file(label);
        if (previous != null && offset == 0) {
            tally.rereadFromStart();
            FileState restart = new FileState(fileKey, modified, 0, 0, head.digestUpTo(0));
            delivery.whenAcknowledged(() -> state.put(key, restart));
        }
        read(path, key, thread, tally, new FileState(fileKey, modified, offset, lines, null), head);
    }

    private void read(Path path, String key, CodexThread thread, FileTally tally, FileState start, FileHead head)
            throws IOException {
        long previousEnd = start.offset();
        try (LineReader reader = LineReader.open(path, start.offset(), start.lines())) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                if (!line.terminated() && !mapper.isCompleteObject(line.bytes(), line.length())) {
                    tally.incompleteTail();
                    break;
                }
                Mapped mapped = mapper.map(thread, line.bytes(), line.length(), line.number());
                thread.offset = line.end();
                thread.lines = line.number();
                report.bytesRead(line.end() - previousEnd);
                previousEnd = line.end();
                count(tally, mapped, line.number());
                for (TurnEvent turn : mapped.turns()) {
                    delivery.add(turn, thread.sourceLabel + ":" + line.number());
                }
                FileState reached = new FileState(start.fileKey(), start.modifiedMs(), line.end(), line.number(),
                        head.digestUpTo(line.end()));
                delivery.whenAcknowledged(() -> state.put(key, reached));
                delivery.flushIfFull();
                progress.update(report, filesDone, filesTotal);
            }
        }
    }

    /** Maps the lines before {@code offset} without sending them; false when they are not the lines imported before. */
    private boolean replay(Path path, CodexThread thread, long offset, long lines) throws IOException {
        try (LineReader reader = LineReader.open(path, 0, 0)) {
            LineReader.Line line;
            while ((line = reader.next()) != null && line.number() <= lines) {
                mapper.map(thread, line.bytes(), line.length(), line.number());
                if (line.end() == offset || line.contentEnd() == offset) {
                    thread.offset = offset;
                    thread.lines = lines;
                    return line.number() == lines;
                }
                if (line.end() > offset) {
                    return false;
                }
            }
            return false;
        }
    }

    static void count(FileTally tally, Mapped mapped, long lineNumber) {
        if (mapped.malformed() != null) {
            tally.malformed(lineNumber, mapped.malformed());
        } else if (mapped.skipped() != null) {
            tally.skipped(mapped.skipped());
        } else {
            tally.conversation(mapped.turns().size());
        }
    }

    /** A rollout's name is unique (a time and the thread id): keyed by it, an archived rollout is the same file. */
    private static String stateKey(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith("rollout-") ? name : path.toAbsolutePath().normalize().toString();
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
