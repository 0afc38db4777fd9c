package lethe.session;

import lethe.files.FileFilter;

/**
 * What to list: one owner's sessions (or every owner's when {@code owner} is null), filtered and paged.
 * Times are Unix seconds; a session matches a time range when its activity overlaps it. {@code project}
 * matches {@code meta.cwd} exactly; {@code excludeSubagents} leaves out sub-agent runs; {@code file} keeps the
 * sessions that read or changed a path ending with its segments ({@link FileFilter#NONE}: any).
 */
public record SessionQuery(String owner, String tool, String host, String project, boolean excludeSubagents,
                           Double since, Double until, FileFilter file, int limit, long offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public boolean allOwners() {
        return owner == null;
    }
}
