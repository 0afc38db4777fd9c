package lethe.ui.sessions;

import lethe.ui.format.TimeText;

import java.util.List;

/**
 * One line of the session list, formatted. {@code tokens} is null when no turn reported usage.
 *
 * @param project      the project directory's last segments, or null; {@code projectPath} is all of it
 * @param projectHref  the list narrowed to that project
 * @param runs         the sub-agent runs this session spawned, shown folded under it
 */
public record SessionRowView(String href, String title, boolean untitled, String sessionId, String owner,
                             String tool, String host, String project, String projectPath, String projectHref,
                             TimeText started, TimeText lastActivity, String turns, String tokens, String tokensExact,
                             long runCount, List<RunView> runs) {

    /** A sub-agent run under its parent's row. */
    public record RunView(String href, String title, long turns) {
    }
}
