package lethe.ui.data;

/**
 * Which turns to look for: every word of {@code text} must occur in the turn. One owner's turns, every
 * owner's when {@code owner} is null; optionally only one tool's or host's.
 */
public record TurnSearch(String text, String owner, String tool, String host, int limit, long offset) {
}
