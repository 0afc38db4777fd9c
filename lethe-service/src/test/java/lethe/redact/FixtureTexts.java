package lethe.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every string value of every line of the real transcripts in the test resources' fixtures. */
final class FixtureTexts {

    private FixtureTexts() {
    }

    static List<String> all() {
        ObjectMapper mapper = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(FixtureTexts.class.getResource("/fixtures").toURI()))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        collect(mapper.readTree(line), texts);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        } else {
            node.forEach(child -> collect(child, texts));
        }
    }
}
