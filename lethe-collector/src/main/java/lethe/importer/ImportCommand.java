package lethe.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.WireRules;
import lethe.api.client.LetheClient;
import lethe.api.client.LetheClientException;
import lethe.api.client.RetryPolicy;
import lethe.importer.claudecode.ClaudeCodeImporter;
import lethe.importer.codex.CodexImporter;
import lethe.importer.gemini.GeminiChats;
import lethe.importer.gemini.GeminiMapper;
import lethe.importer.opencode.Opencode;
import lethe.importer.sources.Labels;
import lethe.importer.sources.SourceImporter;
import lethe.importer.sources.UnitImporter;
import lethe.collector.CollectorCommand;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar lethe.jar import SOURCE [DIR…]} ({@code claude-code}, {@code codex}, {@code gemini},
 * {@code opencode}) and {@code import all}: reads the assistants' own files and pushes them to a lethe server
 * as turns. It needs no server configuration: it is a client.
 */
public class ImportCommand implements CollectorCommand {

    static final String SOURCE = "source";
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    static final String ALL = "all";
    /** Every source, in the order {@code import all} runs them. */
    static final List<String> SOURCES = List.of(ClaudeCodeImporter.SOURCE, CodexImporter.SOURCE, GeminiChats.SOURCE,
            Opencode.SOURCE);
    private static final Map<String, String> NAMES = Map.of(ClaudeCodeImporter.SOURCE, "Claude Code",
            CodexImporter.SOURCE, "Codex", GeminiChats.SOURCE, "Gemini CLI", Opencode.SOURCE, "opencode");
    private static final Map<String, String> PATTERNS = Map.of(ClaudeCodeImporter.SOURCE, "*.jsonl",
            CodexImporter.SOURCE, "*.jsonl", GeminiChats.SOURCE, "chats/session-*.json, .jsonl",
            Opencode.SOURCE, "opencode.db, storage/session");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path home;

    public ImportCommand() {
        this(System.out, System.err, System.getenv(), homeDirectory(System.getenv()));
    }

    /** With the streams, environment and home directory given, for tests and embedding. */
    public ImportCommand(PrintStream out, PrintStream err, Map<String, String> environment, Path home) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.home = home.toAbsolutePath().normalize();
    }

    /**
     * {@code $HOME} when set: the JVM's {@code user.home} comes from the password database instead, so a user
     * running with another {@code HOME} would otherwise be shown someone else's (or no) transcripts.
     */
    static Path homeDirectory(Map<String, String> environment) {
        String home = environment.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String description() {
        return "Import transcripts from an AI coding assistant's own files into lethe";
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers sources = subparser.addSubparsers().title("sources").dest(SOURCE);
        Subparser claudeCode = sources.addParser(ClaudeCodeImporter.SOURCE)
                .help("Claude Code's transcripts (~/.claude/projects)")
                .description("Sends Claude Code transcripts to lethe, resuming where the last run stopped. "
                        + "Default directories: ~/.claude/projects and $CLAUDE_CONFIG_DIR/projects.");
        claudeCode.addArgument("dirs").nargs("*").metavar("DIR")
                .help("directories (or .jsonl files) to import; default: Claude Code's own");
        addCommonArguments(claudeCode, true);
        Subparser codex = sources.addParser(CodexImporter.SOURCE)
                .help("Codex CLI's rollouts (~/.codex/sessions, archived_sessions)")
                .description("Sends Codex CLI rollouts to lethe, resuming where the last run stopped. Default "
                        + "directories: $CODEX_HOME (default ~/.codex) sessions/ and archived_sessions/.");
        codex.addArgument("dirs").nargs("*").metavar("DIR")
                .help("directories (or rollout .jsonl files) to import; default: Codex's own");
        addCommonArguments(codex, true);
        Subparser gemini = sources.addParser(GeminiChats.SOURCE)
                .help("Gemini CLI's chats (~/.gemini/tmp/<project>/chats)")
                .description("Sends Gemini CLI chats to lethe, sending only what changed since the last run. "
                        + "Default directory: ~/.gemini/tmp ($GEMINI_CLI_HOME/.gemini/tmp when set).");
        gemini.addArgument("dirs").nargs("*").metavar("DIR")
                .help("directories (or session-*.json/.jsonl files) to import; default: Gemini CLI's own");
        addCommonArguments(gemini, true);
        Subparser opencode = sources.addParser(Opencode.SOURCE)
                .help("opencode's sessions (~/.local/share/opencode: opencode.db and storage/)")
                .description("Sends opencode sessions to lethe, sending only what changed since the last run. "
                        + "Reads opencode.db read-only, never in a running opencode's way. Default directory: "
                        + "$XDG_DATA_HOME/opencode (default ~/.local/share/opencode).");
        opencode.addArgument("dirs").nargs("*").metavar("DIR")
                .help("opencode data directories (or opencode.db files) to import; default: opencode's own");
        addCommonArguments(opencode, true);
        Subparser all = sources.addParser(ALL)
                .help("every assistant found on this machine")
                .description("Imports every source whose files are on this machine (" + String.join(", ", SOURCES)
                        + "), each from its default directories and with its own state file, in one summary.");
        addCommonArguments(all, false);
    }

    private static void addCommonArguments(Subparser parser, boolean oneSource) {
        parser.addArgument("--server").metavar("URL").setDefault(DEFAULT_SERVER)
                .help("lethe's address (default: " + DEFAULT_SERVER + ")");
        parser.addArgument("--token").metavar("TOKEN")
                .help("bearer token (API key or OIDC access token); visible to other local users in the process "
                        + "list, so prefer --token-file or $" + CollectorCredentials.TOKEN_VARIABLE);
        parser.addArgument("--token-file").metavar("FILE").help("file holding the bearer token");
        parser.addArgument("--user").metavar("NAME")
                .help("sign in as NAME through the forward-auth header: only for a server on this machine, "
                        + "which believes the header from loopback");
        parser.addArgument("--user-header").metavar("HEADER").setDefault("Remote-User")
                .help("the forward-auth header the server reads (default: Remote-User)");
        parser.addArgument("--host").metavar("NAME").help("host name sent with every turn (default: this machine's)");
        parser.addArgument("--batch-lines").metavar("N").type(Integer.class).setDefault(ImportOptions.DEFAULT_BATCH_LINES)
                .help("turns per request at most (default: " + ImportOptions.DEFAULT_BATCH_LINES + ")");
        parser.addArgument("--batch-bytes").metavar("SIZE").setDefault("4m")
                .help("request size before compression at most, e.g. 512k or 4m (default: 4m)");
        parser.addArgument("--max-line-bytes").metavar("SIZE").setDefault("8m")
                .help("the server's ingest.max_line_bytes; larger turns are cut to fit (default: 8m)");
        parser.addArgument("--max-attachment-bytes").metavar("SIZE").setDefault("5m")
                .help("the server's ingest.max_attachment_bytes; larger images are left out with a placeholder "
                        + "(default: 5m)");
        parser.addArgument("--resend").action(Arguments.storeTrue())
                .help("send every transcript again from the start, e.g. to replace turns stored by an older "
                        + "importer (each turn replaces itself; nothing is duplicated)");
        parser.addArgument("--skip-deleted").action(Arguments.storeTrue())
                .help("leave out the sessions you deleted on the server, so that a re-import (or --resend) "
                        + "does not bring them back; the server remembers their keys, not their content");
        parser.addArgument("--dry-run").action(Arguments.storeTrue())
                .help("write the turns as NDJSON to standard output instead of sending them; "
                        + "reads everything, leaves the state file alone");
        parser.addArgument("--follow").action(Arguments.storeTrue())
                .help("keep running and send new lines, files and sessions as they appear");
        parser.addArgument("--poll-interval").metavar("SECONDS").type(Double.class).setDefault(2.0)
                .help("how often --follow looks for changes (default: 2)");
        if (oneSource) {
            parser.addArgument("--state").metavar("FILE")
                    .help("where progress is kept (default: $XDG_STATE_HOME/lethe/import-SOURCE.json, "
                            + "i.e. ~/.local/state/lethe/import-SOURCE.json)");
        }
        parser.addArgument("--retries").metavar("N").type(Integer.class).setDefault(RetryPolicy.DEFAULT.maxAttempts() - 1)
                .help("retries of a request that got no answer, a 5xx or a 429 (default: "
                        + (RetryPolicy.DEFAULT.maxAttempts() - 1) + ", about two minutes)");
    }

    @Override
    public void run(Namespace namespace) throws Exception {
        String source = namespace.getString(SOURCE);
        if (source == null) {
            throw new ImportFailure("name what to import, e.g. 'import all' or 'import " + String.join("|", SOURCES) + "'");
        }
        ImportOptions common = commonOptions(namespace);
        ObjectMapper json = WireJson.mapper();
        LetheClient client = common.dryRun() && !namespace.getBoolean("skip_deleted") ? null : client(namespace, json);
        TurnSink sink = common.dryRun() ? new StdoutSink(out) : new ServerSink(client);
        if (namespace.getBoolean("skip_deleted")) {
            common = common.withDeleted(DeletedSessions.from(client::deletedSessions));
            int deleted = refreshDeleted(common.deleted(), namespace.getString("server"));
            err.println("lethe import: " + deleted + " session" + (deleted == 1 ? "" : "s")
                    + " deleted on the server will be left out (--skip-deleted)");
        }
        Progress progress = new Progress(err, System.console() != null);
        List<SourceImporter> importers = new ArrayList<>();
        try {
            if (source.equals(ALL)) {
                for (String each : SOURCES) {
                    List<Path> roots = defaultRoots(each);
                    if (roots.isEmpty()) {
                        err.println("lethe import " + each + ": nothing found in " + describe(candidateRoots(each)));
                    } else {
                        importers.add(open(each, roots, common.withStateFile(defaultStateFile(each)), sink, json, progress));
                    }
                }
                if (importers.isEmpty()) {
                    throw new ImportFailure("found no transcripts of any assistant (" + String.join(", ", SOURCES)
                            + ") under " + home + "; run the assistants first, or name a source and its directory");
                }
            } else {
                List<Path> roots = namedRoots(namespace, source);
                String state = namespace.getString("state");
                importers.add(open(source, roots, common.withStateFile(state != null ? Path.of(state) : defaultStateFile(source)),
                        sink, json, progress));
            }
            List<ImportReport> reports = new ArrayList<>();
            for (SourceImporter importer : importers) {
                err.println("lethe import " + importer.source() + ": scanning " + String.join(", ",
                        importer.scanned().stream().map(Path::toString).toList())
                        + (common.resend() ? " (--resend: sending everything again)" : ""));
                ImportReport report = importer.pass();
                report.print(err, importer.source(), common.dryRun());
                if (report.filesSeen() == 0) {
                    err.println("lethe import: warning: found no " + NAMES.get(importer.source()) + " transcripts ("
                            + PATTERNS.get(importer.source()) + ") there; nothing was " + (common.dryRun() ? "written" : "sent"));
                }
                reports.add(report);
            }
            if (importers.size() > 1) {
                printTotal(reports, common.dryRun());
            }
            if (common.follow()) {
                follow(importers, common);
            }
        } finally {
            for (SourceImporter importer : importers) {
                importer.close();
            }
        }
    }

    private SourceImporter open(String source, List<Path> roots, ImportOptions options, TurnSink sink, ObjectMapper json,
                                Progress progress) throws IOException {
        ImportOptions withRoots = options.withRoots(roots);
        return switch (source) {
            case ClaudeCodeImporter.SOURCE -> {
                ClaudeCodeImporter importer = ClaudeCodeImporter.open(withRoots, sink, json, progress, home);
                yield new SourceImporter() {
                    @Override
                    public String source() {
                        return ClaudeCodeImporter.SOURCE;
                    }

                    @Override
                    public List<Path> scanned() {
                        return roots;
                    }

                    @Override
                    public ImportReport pass() throws IOException {
                        return importer.pass();
                    }

                    @Override
                    public void close() throws IOException {
                        importer.close();
                    }
                };
            }
            case CodexImporter.SOURCE -> CodexImporter.open(withRoots, sink, json, progress, home);
            case GeminiChats.SOURCE -> UnitImporter.open(GeminiChats.SOURCE, roots,
                    new GeminiChats(roots, GeminiChats.geminiDir(environment, home), home,
                            new GeminiMapper(json, withRoots.host(), withRoots.maxAttachmentBytes()), json),
                    withRoots, sink, json, progress);
            case Opencode.SOURCE -> UnitImporter.open(Opencode.SOURCE, roots,
                    new Opencode(roots, home, json, withRoots.host(), withRoots.maxAttachmentBytes()), withRoots, sink, json, progress);
            default -> throw new ImportFailure("unknown source " + source);
        };
    }

    private void printTotal(List<ImportReport> reports, boolean dryRun) {
        long lines = reports.stream().mapToLong(ImportReport::linesRead).sum();
        long turns = reports.stream().mapToLong(ImportReport::turnsSent).sum();
        long accepted = reports.stream().mapToLong(ImportReport::accepted).sum();
        long rejected = reports.stream().mapToLong(ImportReport::rejected).sum();
        double seconds = reports.stream().mapToDouble(ImportReport::elapsedSeconds).max().orElse(0);
        if (dryRun) {
            err.printf(Locale.ROOT, "lethe import all: %d sources, %d lines, %d turns written to standard output in %.1f s%n",
                    reports.size(), lines, turns, seconds);
        } else {
            err.printf(Locale.ROOT, "lethe import all: %d sources, %d lines, %d turns sent (%d accepted, %d rejected) in %.1f s%n",
                    reports.size(), lines, turns, accepted, rejected, seconds);
        }
        long skippedSessions = reports.stream().mapToLong(ImportReport::deletedSessionsSkipped).sum();
        if (skippedSessions > 0) {
            err.println(ImportReport.leftOut(reports.stream().mapToLong(ImportReport::deletedTurnsSkipped).sum(),
                    skippedSessions));
        }
    }

    /**
     * Polls until the process is stopped (or the thread interrupted); a server that is away is waited for,
     * a refusal ends the run. Stopping at any moment is safe: progress is saved only once acknowledged.
     */
    private void follow(List<SourceImporter> importers, ImportOptions options) throws IOException {
        err.printf(Locale.ROOT, "lethe import: following %s for changes (every %.1f s)%n",
                String.join(", ", importers.stream().map(SourceImporter::source).toList()),
                options.pollInterval().toMillis() / 1000.0);
        while (true) {
            try {
                Thread.sleep(options.pollInterval().toMillis());
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                refreshDeleted(options.deleted(), null);
            } catch (LetheClientException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                err.println("lethe import: " + e.getMessage() + "; trying again at the next poll");
                continue;
            }
            for (SourceImporter importer : importers) {
                try {
                    ImportReport report = importer.pass();
                    if (report.linesRead() > 0 || !report.problems().isEmpty()) {
                        report.print(err, importer.source(), options.dryRun());
                    }
                } catch (InterruptedIOException | ClosedByInterruptException stop) {
                    // Interrupted mid-read or mid-save: the saved state is the last complete one, so stopping is safe.
                    return;
                } catch (LetheClientException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    err.println("lethe import: " + e.getMessage() + "; trying again at the next poll");
                }
            }
        }
    }

    /**
     * Fetches the list of deleted sessions again. A server that has no such list (a 404: it predates
     * deletion) is a refusal worth a clear word, not a stack of HTTP details.
     */
    private static int refreshDeleted(DeletedSessions deleted, String server) throws IOException {
        try {
            return deleted.refresh();
        } catch (LetheClientException e) {
            if (e.status() == 404) {
                throw new ImportFailure("--skip-deleted: " + (server == null ? "the server" : server)
                        + " does not list deleted sessions (GET /api/v1/deleted-sessions answered 404); a lethe "
                        + "without deletion has nothing to skip, so run without --skip-deleted");
            }
            throw e;
        }
    }

    /** The directories named on the command line, else the source's own ones that exist (none: a warning and a stop). */
    private List<Path> namedRoots(Namespace namespace, String source) {
        List<Path> roots = new ArrayList<>();
        List<String> dirs = namespace.getList("dirs");
        if (dirs != null && !dirs.isEmpty()) {
            for (String dir : dirs) {
                Path path = Path.of(dir);
                if (!Files.exists(path)) {
                    throw new ImportFailure(dir + " does not exist");
                }
                roots.add(path);
            }
            return roots;
        }
        roots.addAll(defaultRoots(source));
        if (roots.isEmpty()) {
            throw new ImportFailure("found no " + NAMES.get(source) + " transcripts in " + String.join(" or ",
                    candidateRoots(source).stream().map(Path::toString).toList())
                    + "; name the directory that holds them");
        }
        return roots;
    }

    /** Where a source's files are by default, whether or not they exist. */
    private List<Path> candidateRoots(String source) {
        return switch (source) {
            case ClaudeCodeImporter.SOURCE -> {
                List<Path> candidates = new ArrayList<>();
                candidates.add(home.resolve(".claude").resolve("projects"));
                String configDir = environment.get("CLAUDE_CONFIG_DIR");
                if (configDir != null && !configDir.isBlank()) {
                    candidates.add(Path.of(configDir).resolve("projects"));
                }
                yield candidates;
            }
            case CodexImporter.SOURCE -> CodexImporter.defaultRoots(environment, home);
            case GeminiChats.SOURCE -> GeminiChats.defaultRoots(environment, home);
            case Opencode.SOURCE -> Opencode.defaultRoots(environment, home);
            default -> throw new ImportFailure("unknown source " + source);
        };
    }

    /** The default directories of a source that exist and hold something to import. */
    private List<Path> defaultRoots(String source) {
        Set<Path> roots = new LinkedHashSet<>();
        for (Path candidate : candidateRoots(source)) {
            boolean holds = source.equals(Opencode.SOURCE) ? Opencode.holdsData(candidate) : Files.isDirectory(candidate);
            if (holds) {
                try {
                    roots.add(candidate.toRealPath());
                } catch (IOException unreadable) {
                    roots.add(candidate.toAbsolutePath().normalize());
                }
            }
        }
        return List.copyOf(roots);
    }

    private String describe(List<Path> paths) {
        return String.join(", ", paths.stream().map(path -> Labels.of(path, home)).toList());
    }

    /** The options every source shares; roots and state file are set per source. */
    private ImportOptions commonOptions(Namespace namespace) {
        String host = namespace.getString("host");
        if (host == null) {
            host = HostName.local(environment);
        } else if (!WireRules.isSafeId(host)) {
            throw new ImportFailure("--host must be 1-256 characters from A-Z a-z 0-9 . _ : @ -");
        }
        int batchLines = namespace.getInt("batch_lines");
        if (batchLines < 1 || batchLines > 100_000) {
            throw new ImportFailure("--batch-lines must be between 1 and 100000");
        }
        long batchBytes = ByteSize.parse(namespace.getString("batch_bytes"), "--batch-bytes");
        long maxLineBytes = ByteSize.parse(namespace.getString("max_line_bytes"), "--max-line-bytes");
        if (batchBytes < 1 || maxLineBytes < 1024 || maxLineBytes > Integer.MAX_VALUE - 16) {
            throw new ImportFailure("--batch-bytes must be positive and --max-line-bytes between 1k and 2g");
        }
        long maxAttachmentBytes = ByteSize.parse(namespace.getString("max_attachment_bytes"), "--max-attachment-bytes");
        double poll = namespace.getDouble("poll_interval");
        if (!(poll >= 0.1 && poll <= 3600)) {
            throw new ImportFailure("--poll-interval must be between 0.1 and 3600 seconds");
        }
        return new ImportOptions(List.of(), host, batchLines, batchBytes, (int) maxLineBytes,
                namespace.getBoolean("dry_run"), namespace.getBoolean("follow"),
                Duration.ofMillis(Math.round(poll * 1000)), defaultStateFile(ClaudeCodeImporter.SOURCE),
                namespace.getBoolean("resend"), maxAttachmentBytes, DeletedSessions.none());
    }

    private Path defaultStateFile(String source) {
        String xdg = environment.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("state");
        return base.resolve("lethe").resolve("import-" + source + ".json");
    }

    private LetheClient client(Namespace namespace, ObjectMapper json) {
        URI server;
        try {
            server = URI.create(namespace.getString("server"));
        } catch (IllegalArgumentException e) {
            throw new ImportFailure("--server is not a URL: " + namespace.getString("server"));
        }
        String tokenFile = namespace.getString("token_file");
        int retries = namespace.getInt("retries");
        if (retries < 0 || retries > 100) {
            throw new ImportFailure("--retries must be between 0 and 100");
        }
        try {
            return LetheClient.builder(server, json::readValue)
                    .credentials(CollectorCredentials.from(namespace.getString("token"),
                            tokenFile == null ? null : Path.of(tokenFile), namespace.getString("user"),
                            namespace.getString("user_header"), environment))
                    .retries(new RetryPolicy(retries + 1, RetryPolicy.DEFAULT.initialDelay(), RetryPolicy.DEFAULT.maxDelay()))
                    .onRetry((failure, attempt, delay) -> err.printf(Locale.ROOT,
                            "lethe import: %s; retrying in %.1f s (attempt %d of %d)%n",
                            failure.getMessage(), delay.toMillis() / 1000.0, attempt + 1, retries + 1))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ImportFailure(e.getMessage());
        }
    }

    @Override
    public Optional<String> explain(Throwable failure) {
        if (failure instanceof ImportFailure || failure instanceof LetheClientException) {
            return Optional.of("lethe import: " + failure.getMessage());
        }
        return Optional.empty();
    }
}
