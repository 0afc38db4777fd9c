package lethe.ui.search;

import java.util.List;

/**
 * A session that matched, as the page shows it: its facts, its best hits, and a link to all of them when
 * there are more ({@code allHitsHref} null otherwise).
 *
 * @param project     the project's last two segments, null when the session has none
 * @param projectPath the whole project directory, for the tooltip
 */
public record FoundSessionView(String href, String title, boolean untitled, String owner, String tool, String host,
                               String project, String projectPath, String hitCount, List<FoundTurnView> hits,
                               String allHitsHref, String allHitsText) {
}
