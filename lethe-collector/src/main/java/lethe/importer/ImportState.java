package lethe.importer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import lethe.importer.claudecode.PendingTitle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an importer has sent, kept between runs: per source file how far the server acknowledged it, and
 * the titles read but not yet delivered. It only ever moves forward after an acknowledgement, so a run
 * killed at any moment resumes without losing or (beyond harmless, idempotent resends) repeating anything.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ImportState {

    static final int VERSION = 1;

    @JsonProperty("version")
    private int version = VERSION;

    @JsonProperty("files")
    private final Map<String, FileState> files = new TreeMap<>();

    @JsonProperty("pending_titles")
    private final List<PendingTitle> pendingTitles = new ArrayList<>();

    public FileState file(String path) {
        return files.get(path);
    }

    public void put(String path, FileState state) {
        files.put(path, state);
    }

    public Map<String, FileState> files() {
        return files;
    }

    public List<PendingTitle> pendingTitles() {
        return pendingTitles;
    }

    public void addPendingTitle(PendingTitle title) {
        pendingTitles.remove(title);
        pendingTitles.add(title);
    }

    public int version() {
        return version;
    }
}
