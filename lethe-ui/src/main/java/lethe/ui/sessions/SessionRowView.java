package lethe.ui.sessions;

import lethe.ui.format.TimeText;

/** One line of the session list, formatted. {@code tokens} is null when no turn reported usage. */
public record SessionRowView(String href, String title, boolean untitled, String sessionId, String owner,
                             String tool, String host, TimeText started, TimeText lastActivity,
                             String turns, String tokens, String tokensExact) {
}
