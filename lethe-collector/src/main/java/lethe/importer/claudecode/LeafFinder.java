package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.importer.LineReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the lines that {@code summary} lines point at, by their {@code uuid}, among the transcripts of a
 * project directory. It scans bytes for {@code "uuid"} keys and parses only the lines whose value is
 * wanted, so a search costs little more than reading the files.
 */
final class LeafFinder {

    /** Where a uuid was found: the file and its 1-based line number. */
    record Leaf(Path file, long line) {
    }

    private static final byte[] KEY = "\"uuid\"".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;

    LeafFinder(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Where each wanted uuid is: in the first file (by name) that has it, its last line there, since a
     * line re-written with the same uuid replaced the earlier one on the server. Uuids found nowhere are absent.
     */
    Map<String, Leaf> find(Path projectDir, Set<String> wanted) throws IOException {
        Map<String, Leaf> found = new HashMap<>();
        Set<String> missing = new HashSet<>(wanted);
        for (Path file : transcripts(projectDir)) {
            if (missing.isEmpty()) {
                break;
            }
            Map<String, Leaf> inFile = new HashMap<>();
            try (LineReader reader = LineReader.open(file, 0, 0)) {
                LineReader.Line line;
                while ((line = reader.next()) != null) {
                    String uuid = wantedUuid(line, missing);
                    if (uuid != null) {
                        inFile.put(uuid, new Leaf(file, line.number()));
                    }
                }
            }
            found.putAll(inFile);
            missing.removeAll(inFile.keySet());
        }
        return found;
    }

    private String wantedUuid(LineReader.Line line, Set<String> missing) {
        byte[] bytes = line.bytes();
        for (int at = indexOf(bytes, line.length(), 0); at >= 0; at = indexOf(bytes, line.length(), at + KEY.length)) {
            String value = stringValueAfter(bytes, line.length(), at + KEY.length);
            if (value != null && missing.contains(value) && isTopLevelUuid(line, value)) {
                return value;
            }
        }
        return null;
    }

    /** The key may also occur inside content (a tool's input, say); only the line's own uuid counts. */
    private boolean isTopLevelUuid(LineReader.Line line, String value) {
        try {
            JsonNode node = json.readTree(line.bytes(), 0, line.length());
            return node != null && value.equals(node.path("uuid").asText(null));
        } catch (IOException malformed) {
            return false;
        }
    }

    private static String stringValueAfter(byte[] bytes, int length, int from) {
        int i = skipSpaces(bytes, length, from);
        if (i >= length || bytes[i] != ':') {
            return null;
        }
        i = skipSpaces(bytes, length, i + 1);
        if (i >= length || bytes[i] != '"') {
            return null;
        }
        int start = i + 1;
        for (int end = start; end < length; end++) {
            if (bytes[end] == '\\') {
                return null;
            }
            if (bytes[end] == '"') {
                return new String(bytes, start, end - start, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int skipSpaces(byte[] bytes, int length, int from) {
        int i = from;
        while (i < length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] bytes, int length, int from) {
        outer:
        for (int i = from; i <= length - KEY.length; i++) {
            for (int j = 0; j < KEY.length; j++) {
                if (bytes[i + j] != KEY[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<Path> transcripts(Path projectDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(projectDir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(projectDir, "*.jsonl")) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
