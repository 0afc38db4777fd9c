package lethe.ui.data;

/**
 * Which turns to look for: every word of {@code text} must occur in the turn. One owner's turns, every
 * owner's when {@code owner} is null; optionally only one tool's or host's, a project's (or below it), one
 * role's (what the person typed: {@code user}), or the sessions that read or changed a file.
 */
public record TurnSearch(String text, String owner, String tool, String host, String project, String role, String file,
                         int limit, long offset) {
}
