package lethe.ui.data;

/**
 * Which of a session's turns a page shows: from the {@code from}-th (0-based, in the session's order) at
 * most {@code maxTurns}, ending early once their text passes {@code maxChars} characters, but always holding
 * at least one turn and reaching position {@code reach} (the turn a link asked for; -1 for none).
 */
public record TurnWindow(long from, int maxTurns, long maxChars, long reach) {
}
