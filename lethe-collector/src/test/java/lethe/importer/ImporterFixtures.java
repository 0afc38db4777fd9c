package lethe.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.client.Credentials;
import lethe.api.client.LetheClient;
import lethe.api.client.RetryPolicy;
import lethe.importer.claudecode.ClaudeCodeImporter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The Claude Code fixtures (copied so tests may change them) and importers wired the way the command wires them. */
public final class ImporterFixtures {

    public static final ObjectMapper JSON = WireJson.mapper();
    public static final RetryPolicy QUICK_RETRIES = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));

    public static final String SAMPLE_PROJECT = "projects/sample-project";
    public static final String EDGE_CASES = "edge-cases";
    public static final String CLAUDE_CODE = "fixtures/claude-code";
    public static final String ASSISTANTS_CLAUDE_CODE = "fixtures/assistants/claude-code";
    /** What the v1 importer (commit a082bef) wrote for {@link #ASSISTANTS_CLAUDE_CODE} in a dry run as host {@code laptop}. */
    public static final String V1_IMPORT = ASSISTANTS_CLAUDE_CODE + "/imported-by-v1-importer.ndjson.gz";

    private ImporterFixtures() {
    }

    /** A fresh, writable copy of {@code fixtures/claude-code} laid out as {@code ~/.claude/projects} is. */
    public static Path copyOfFixtures() {
        return copyOf(CLAUDE_CODE);
    }

    /**
     * A fresh, writable copy of {@code fixtures/assistants/claude-code}: captured sessions of Claude Code 1.0 to
     * 2.1 (sub-agents in all three layouts, images, compaction, every record type), {@code inventory.json} says
     * where each comes from.
     */
    public static Path copyOfAssistantFixtures() {
        return copyOf(ASSISTANTS_CLAUDE_CODE);
    }

    /** A fresh, writable copy of a test resource directory. */
    public static Path copyOf(String resourceDirectory) {
        try {
            Path source = resource(resourceDirectory);
            Path target = Files.createTempDirectory("claude-projects");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                        copy.toFile().setWritable(true);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource directory or file, as a path. */
    public static Path resource(String name) {
        try {
            return Path.of(ImporterFixtures.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path stateFileIn(Path directory) {
        return directory.resolve("state").resolve("import-claude-code.json");
    }

    public static ImportOptions options(Path root, String host) {
        return ImportOptions.of(List.of(root), host, stateFileIn(root));
    }

    /** The sink the command builds for a server in forward-auth mode on loopback, signed in as {@code user}. */
    public static ServerSink serverSink(int port, String user) {
        return new ServerSink(LetheClient.builder(URI.create("http://127.0.0.1:" + port), JSON::readValue)
                .credentials(Credentials.forwardedUser("Remote-User", user))
                .retries(QUICK_RETRIES)
                .build());
    }

    public static ClaudeCodeImporter importer(ImportOptions options, TurnSink sink) throws IOException {
        return ClaudeCodeImporter.open(options, sink, JSON, new Progress(silent(), false), null);
    }

    /** One pass with a fresh importer, as one run of the command. */
    public static ImportReport runOnce(ImportOptions options, TurnSink sink) throws IOException {
        try (ClaudeCodeImporter importer = importer(options, sink)) {
            return importer.pass();
        }
    }

    public static PrintStream silent() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
