package lethe.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.client.LetheClient;
import lethe.api.client.LetheClientException;
import lethe.api.client.RetryPolicy;
import lethe.importer.claudecode.ClaudeCodeImporter;
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
 * {@code java -jar lethe.jar import claude-code [DIR…]}: reads an assistant's own transcript files and
 * pushes them to a lethe server as turns. It needs no server configuration: it is a client.
 */
public class ImportCommand implements CollectorCommand {

    static final String SOURCE = "source";
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

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
        claudeCode.addArgument("--server").metavar("URL").setDefault(DEFAULT_SERVER)
                .help("lethe's address (default: " + DEFAULT_SERVER + ")");
        claudeCode.addArgument("--token").metavar("TOKEN")
                .help("bearer token (API key or OIDC access token); visible to other local users in the process "
                        + "list, so prefer --token-file or $" + CollectorCredentials.TOKEN_VARIABLE);
        claudeCode.addArgument("--token-file").metavar("FILE").help("file holding the bearer token");
        claudeCode.addArgument("--user").metavar("NAME")
                .help("sign in as NAME through the forward-auth header: only for a server on this machine, "
                        + "which believes the header from loopback");
        claudeCode.addArgument("--user-header").metavar("HEADER").setDefault("Remote-User")
                .help("the forward-auth header the server reads (default: Remote-User)");
        claudeCode.addArgument("--host").metavar("NAME").help("host name sent with every turn (default: this machine's)");
        claudeCode.addArgument("--batch-lines").metavar("N").type(Integer.class).setDefault(ImportOptions.DEFAULT_BATCH_LINES)
                .help("turns per request at most (default: " + ImportOptions.DEFAULT_BATCH_LINES + ")");
        claudeCode.addArgument("--batch-bytes").metavar("SIZE").setDefault("4m")
                .help("request size before compression at most, e.g. 512k or 4m (default: 4m)");
        claudeCode.addArgument("--max-line-bytes").metavar("SIZE").setDefault("8m")
                .help("the server's ingest.max_line_bytes; larger turns are cut to fit (default: 8m)");
        claudeCode.addArgument("--max-attachment-bytes").metavar("SIZE").setDefault("5m")
                .help("the server's ingest.max_attachment_bytes; larger images are left out with a placeholder "
                        + "(default: 5m)");
        claudeCode.addArgument("--resend").action(Arguments.storeTrue())
                .help("send every transcript again from the start, e.g. to replace turns stored by an older "
                        + "importer (each turn replaces itself; nothing is duplicated)");
        claudeCode.addArgument("--dry-run").action(Arguments.storeTrue())
                .help("write the turns as NDJSON to standard output instead of sending them; "
                        + "reads everything, leaves the state file alone");
        claudeCode.addArgument("--follow").action(Arguments.storeTrue())
                .help("keep running and send new lines and new files as they appear");
        claudeCode.addArgument("--poll-interval").metavar("SECONDS").type(Double.class).setDefault(2.0)
                .help("how often --follow looks for changes (default: 2)");
        claudeCode.addArgument("--state").metavar("FILE")
                .help("where progress is kept (default: $XDG_STATE_HOME/lethe/import-claude-code.json, "
                        + "i.e. ~/.local/state/lethe/import-claude-code.json)");
        claudeCode.addArgument("--retries").metavar("N").type(Integer.class).setDefault(RetryPolicy.DEFAULT.maxAttempts() - 1)
                .help("retries of a request that got no answer, a 5xx or a 429 (default: "
                        + (RetryPolicy.DEFAULT.maxAttempts() - 1) + ", about two minutes)");
    }

    @Override
    public void run(Namespace namespace) throws Exception {
        String source = namespace.getString(SOURCE);
        if (!ClaudeCodeImporter.SOURCE.equals(source)) {
            throw new ImportFailure("name what to import, e.g. 'import claude-code'");
        }
        runClaudeCode(namespace);
    }

    private void runClaudeCode(Namespace namespace) throws IOException {
        ImportOptions options = claudeCodeOptions(namespace);
        ObjectMapper json = WireJson.mapper();
        TurnSink sink = options.dryRun() ? new StdoutSink(out) : new ServerSink(client(namespace, json));
        Progress progress = new Progress(err, System.console() != null);
        try (ClaudeCodeImporter importer = ClaudeCodeImporter.open(options, sink, json, progress, home)) {
            err.println("lethe import claude-code: scanning " + String.join(", ",
                    options.roots().stream().map(Path::toString).toList())
                    + (options.resend() ? " (--resend: sending everything again)" : ""));
            ImportReport first = importer.pass();
            first.print(err, ClaudeCodeImporter.SOURCE, options.dryRun());
            if (first.filesSeen() == 0) {
                err.println("lethe import: warning: found no Claude Code transcripts (*.jsonl) there; nothing was "
                        + (options.dryRun() ? "written" : "sent"));
            }
            if (options.follow()) {
                follow(importer, options);
            }
        }
    }

    /**
     * Polls until the process is stopped (or the thread interrupted); a server that is away is waited for,
     * a refusal ends the run. Stopping at any moment is safe: progress is saved only once acknowledged.
     */
    private void follow(ClaudeCodeImporter importer, ImportOptions options) throws IOException {
        err.printf(Locale.ROOT, "lethe import: following %s for new lines (every %.1f s)%n",
                options.roots(), options.pollInterval().toMillis() / 1000.0);
        while (true) {
            try {
                Thread.sleep(options.pollInterval().toMillis());
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                ImportReport report = importer.pass();
                if (report.linesRead() > 0 || !report.problems().isEmpty()) {
                    report.print(err, ClaudeCodeImporter.SOURCE, options.dryRun());
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

    private ImportOptions claudeCodeOptions(Namespace namespace) {
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
        } else {
            roots.addAll(defaultClaudeCodeRoots());
            if (roots.isEmpty()) {
                throw new ImportFailure("found no Claude Code transcripts in " + home.resolve(".claude/projects")
                        + (environment.containsKey("CLAUDE_CONFIG_DIR") ? " or $CLAUDE_CONFIG_DIR/projects" : "")
                        + "; name the directory that holds them");
            }
        }
        String host = namespace.getString("host");
        if (host == null) {
            host = HostName.local(environment);
        } else if (!HostName.SAFE.matcher(host).matches()) {
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
        String state = namespace.getString("state");
        return new ImportOptions(roots, host, batchLines, batchBytes, (int) maxLineBytes,
                namespace.getBoolean("dry_run"), namespace.getBoolean("follow"),
                Duration.ofMillis(Math.round(poll * 1000)), state != null ? Path.of(state) : defaultStateFile(),
                namespace.getBoolean("resend"), maxAttachmentBytes);
    }

    private List<Path> defaultClaudeCodeRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        List<Path> candidates = new ArrayList<>();
        candidates.add(home.resolve(".claude").resolve("projects"));
        String configDir = environment.get("CLAUDE_CONFIG_DIR");
        if (configDir != null && !configDir.isBlank()) {
            candidates.add(Path.of(configDir).resolve("projects"));
        }
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                try {
                    roots.add(candidate.toRealPath());
                } catch (IOException unreadable) {
                    roots.add(candidate.toAbsolutePath().normalize());
                }
            }
        }
        return List.copyOf(roots);
    }

    private Path defaultStateFile() {
        String xdg = environment.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("state");
        return base.resolve("lethe").resolve("import-claude-code.json");
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
