package lethe.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tokens ccusage counts more than once: lines of a response that repeat its {@code message.id} without
 * a {@code requestId} (ccusage only drops a repeat when it has both), beyond the first, summed per UTC day
 * and per directory as {@code {input, output, cache write, cache read}}.
 */
final class RepeatedCopies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, long[]> byDay = new HashMap<>();
    private final Map<String, long[]> byDirectory = new HashMap<>();

    static RepeatedCopies in(Path projects) throws IOException {
        RepeatedCopies copies = new RepeatedCopies();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(projects)) {
            files = walk.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            Set<String> seen = new HashSet<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode usage = node.path("message").path("usage");
                String id = node.path("message").path("id").asText("");
                if (usage.isMissingNode() || id.isEmpty() || node.hasNonNull("requestId") || seen.add(id)) {
                    continue;
                }
                long[] tokens = {usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                        usage.path("cache_creation_input_tokens").asLong(), usage.path("cache_read_input_tokens").asLong()};
                copies.add(copies.byDay, node.path("timestamp").asText().substring(0, 10), tokens);
                copies.add(copies.byDirectory, file.getParent().getFileName().toString(), tokens);
            }
        }
        return copies;
    }

    private void add(Map<String, long[]> map, String key, long[] tokens) {
        long[] sums = map.computeIfAbsent(key, k -> new long[4]);
        for (int i = 0; i < 4; i++) {
            sums[i] += tokens[i];
        }
    }

    long[] byDay(String day) {
        return byDay.getOrDefault(day, new long[4]);
    }

    long[] byDirectory(String directory) {
        return byDirectory.getOrDefault(directory, new long[4]);
    }
}
