package lethe.files;

/** One file of a session with one turn that touched it. */
public record FileTurnRow(String path, boolean changed, String turnId) {
}
