package lethe.importer.claudecode;

import lethe.importer.FileState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns on their way to the server, together with the state that becomes true once they are acknowledged:
 * how far each file got and which titles were read or delivered. Nothing of it reaches the state file
 * before the server has answered.
 */
final class Batch {

    final List<byte[]> lines = new ArrayList<>();
    /** For each line, where it came from ({@code file:line}), to report a rejection where it can be looked at. */
    final List<String> origins = new ArrayList<>();
    final Map<String, FileState> checkpoints = new LinkedHashMap<>();
    final List<PendingTitle> titlesRead = new ArrayList<>();
    final List<PendingTitle> titlesDone = new ArrayList<>();
    private long bytes;

    void add(byte[] line, String origin) {
        lines.add(line);
        origins.add(origin);
        bytes += line.length + 1;
    }

    boolean isFull(int maxLines, long maxBytes) {
        return lines.size() >= maxLines || bytes >= maxBytes;
    }

    boolean isEmpty() {
        return lines.isEmpty() && checkpoints.isEmpty() && titlesRead.isEmpty() && titlesDone.isEmpty();
    }

    String origin(long lineNumber) {
        return lineNumber >= 1 && lineNumber <= origins.size() ? origins.get((int) lineNumber - 1) : "the request";
    }
}
