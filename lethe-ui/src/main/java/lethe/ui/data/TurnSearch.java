package lethe.ui.data;

/**
 * Which turns to look for: every word of {@code text} must occur in the turn. One owner's turns, every
 * owner's when {@code owner} is null; optionally only one tool's or host's, one session's ({@code sessionId}),
 * a project's (or below it), those from {@code since} to {@code until} (Unix seconds, inclusive), one role's
 * (what the person typed: {@code user}), one kind's ({@code tool_use}…), or the sessions that read or changed
 * a file. {@code limit} and {@code offset} count sessions for {@link TranscriptReader#searchSessions} and
 * turns for {@link TranscriptReader#search}.
 */
public record TurnSearch(String text, String owner, String tool, String host, String sessionId, String project,
                         Double since, Double until, String role, String kind, String file, int limit, long offset) {
}
