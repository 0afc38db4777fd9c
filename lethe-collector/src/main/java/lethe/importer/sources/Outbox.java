package lethe.importer.sources;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns on their way to the server, with what becomes true of the importer's state once the server has
 * acknowledged them (how far a file got, which turns a session has had). Nothing of it reaches the state
 * before the server has answered, so a run stopped at any moment neither loses nor repeats anything.
 */
public final class Outbox {

    final List<byte[]> lines = new ArrayList<>();
    private final List<String> origins = new ArrayList<>();
    private final List<Runnable> onAcknowledged = new ArrayList<>();
    private long bytes;

    public void add(byte[] line, String origin) {
        lines.add(line);
        origins.add(origin);
        bytes += line.length + 1;
    }

    /** Something to record in the state once everything added so far is acknowledged. */
    public void whenAcknowledged(Runnable change) {
        onAcknowledged.add(change);
    }

    public boolean isFull(int maxLines, long maxBytes) {
        return lines.size() >= maxLines || bytes >= maxBytes;
    }

    public boolean isEmpty() {
        return lines.isEmpty() && onAcknowledged.isEmpty();
    }

    public List<byte[]> lines() {
        return lines;
    }

    public void acknowledged() {
        onAcknowledged.forEach(Runnable::run);
    }

    /** Where the request's line {@code lineNumber} (1-based) came from, to report a rejection usefully. */
    public String origin(long lineNumber) {
        return lineNumber >= 1 && lineNumber <= origins.size() ? origins.get((int) lineNumber - 1) : "the request";
    }
}
