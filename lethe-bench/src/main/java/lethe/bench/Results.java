package lethe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends one JSON object per measurement to the run's results file, which {@code report} reads back. */
public final class Results {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Results() {
    }

    public static void append(Path file, Map<String, Object> result) {
        try {
            String line = JSON.writeValueAsString(result) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.print(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
