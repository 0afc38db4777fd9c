package lethe.bench.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code corpus <small|medium|large|N> <seed> <file.ndjson>}: writes the corpus and {@code file.ndjson.json}. */
public final class GenerateCorpus {

    private GenerateCorpus() {
    }

    public static void run(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: corpus <small|medium|large|TURNS> <seed> <out.ndjson>");
        }
        long turns = CorpusSize.parseTurns(args[0]);
        long seed = Long.parseLong(args[1]);
        Path out = Path.of(args[2]);
        long started = System.nanoTime();
        Corpus.Summary summary;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            summary = Corpus.write(turns, seed, file);
        }
        writeSummary(summary, Path.of(out + ".json"));
        System.out.printf("wrote %,d turns in %,d sessions, %,d bytes, to %s in %.1f s%n", summary.turns(),
                summary.sessions(), summary.bytes(), out, (System.nanoTime() - started) / 1e9);
    }

    private static void writeSummary(Corpus.Summary summary, Path file) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(Files.newBufferedWriter(file))) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("seed", summary.seed());
            json.writeNumberField("turns", summary.turns());
            json.writeNumberField("sessions", summary.sessions());
            json.writeNumberField("bytes", summary.bytes());
            json.writeObjectFieldStart("longest_session");
            json.writeStringField("tool", summary.longestTool());
            json.writeStringField("host", summary.longestHost());
            json.writeStringField("session_id", summary.longestSessionId());
            json.writeNumberField("turns", summary.longestTurns());
            json.writeEndObject();
            json.writeEndObject();
        }
    }
}
