package lethe.ui.data;

import java.util.List;

/**
 * A session that matched a search: how many of its turns matched, and the best few of them, best first.
 *
 * @param title   the session's title, or null when it has none
 * @param project the session's project directory, or null
 */
public record FoundSession(String owner, String tool, String host, String sessionId, String title, String project,
                           long hitCount, List<FoundTurn> hits) {

    public FoundSession {
        hits = List.copyOf(hits);
    }
}
