package lethe.search;

import lethe.files.FileFilter;

/**
 * What narrows a search besides its terms; null means no filter. {@code owner} null means every owner
 * (admins only; the resource checks). {@code sessionId} keeps one session's turns (with {@code tool} and
 * {@code host}: one session; the search page uses it for "all hits in this session", the API does not offer
 * it). {@code project} matches a session's project exactly or as a path prefix ({@code /home/me/app} also
 * matches {@code /home/me/app/web}); {@code since}/{@code until} bound the matching turn's time (epoch
 * seconds); {@code role} and {@code kind} the matching turn's; {@code file} keeps the sessions that read or
 * changed a path ending with its segments ({@link FileFilter#NONE}: any).
 */
public record SearchFilters(String owner, String tool, String host, String sessionId, String project, Double since,
                            Double until, String role, String kind, FileFilter file) {

    public static SearchFilters of(String owner, String tool, String host) {
        return new SearchFilters(owner, tool, host, null, null, null, null, null, null, FileFilter.NONE);
    }

    /** {@code project} as a LIKE pattern for the directories below it. */
    String projectPrefix() {
        if (project == null) {
            return null;
        }
        String directory = project.endsWith("/") ? project : project + "/";
        return FtsQuery.escapeLike(directory) + "%";
    }
}
