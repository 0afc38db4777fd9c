package lethe.ui.data;

/**
 * Which sessions to list: one owner's (every owner's when {@code owner} is null), optionally narrowed to a
 * tool, a host, a project directory, a file it read or changed (matched on its trailing path segments) and a
 * time range (Unix seconds; a session matches when its activity overlaps the range). With {@code excludeSubagents}, sub-agent runs are left out: the list shows them
 * under the session that spawned them.
 */
public record SessionFilter(String owner, String tool, String host, String project, String file, boolean excludeSubagents,
                            Double since, Double until, int limit, long offset) {
}
