package lethe.importer;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.api.IngestResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Codex, Gemini CLI and opencode fixtures (test resources {@code codex/home}, {@code gemini/home},
 * {@code opencode/home}, each laid out as the assistant keeps its files under a home directory), copied so
 * tests may change them, and the turns an importer wrote.
 */
public final class SourceFixtures {

    private SourceFixtures() {
    }

    /** A fresh, writable copy of a fixture home: {@code codex}, {@code gemini} or {@code opencode}. */
    public static Path home(String assistant) {
        try {
            Path source = ImporterFixtures.resource(assistant + "/home");
            Path target = Files.createTempDirectory(assistant + "-home");
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

    /** Options for one run over {@code roots}, with the state kept in {@code state}. */
    public static ImportOptions options(List<Path> roots, Path state) {
        return ImportOptions.of(roots, "laptop", state);
    }

    /**
     * The standard-output sink of {@code --dry-run}, written to memory: what an importer delivered, read back
     * as turns. {@code failAtRequest} makes that request (1-based) fail as a dropped connection does, to stop
     * a run in the middle; 0 never fails.
     */
    public static final class Delivered implements TurnSink {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final StdoutSink sink = new StdoutSink(bytes);
        private final int failAtRequest;
        private int requests;

        public Delivered() {
            this(0);
        }

        public Delivered(int failAtRequest) {
            this.failAtRequest = failAtRequest;
        }

        @Override
        public IngestResult send(List<byte[]> lines) throws IOException {
            if (++requests == failAtRequest) {
                throw new IOException("connection reset (the run is stopped here)");
            }
            return sink.send(lines);
        }

        public List<JsonNode> turns() {
            List<JsonNode> turns = new ArrayList<>();
            for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        turns.add(ImporterFixtures.JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return turns;
        }
    }

    /** The turn's key in lethe: a turn sent twice under it is stored once. */
    public static String key(JsonNode turn) {
        return turn.path("session_id").asText() + "/" + turn.path("turn_id").asText();
    }
}
