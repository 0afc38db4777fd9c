package lethe.ui.data;

/**
 * Which sessions to list: one owner's (every owner's when {@code owner} is null), optionally narrowed to a
 * tool, a host and a time range (Unix seconds; a session matches when its activity overlaps the range).
 */
public record SessionFilter(String owner, String tool, String host, Double since, Double until, int limit, long offset) {
}
