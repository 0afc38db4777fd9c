package lethe.ui.data;

import java.util.List;

/**
 * A turn whose content matched a search, with enough of its session to link to it.
 *
 * @param title   the session's title, or null when it has none
 * @param snippet the passage around the match, split into plain-text parts
 */
public record FoundTurn(String owner, String tool, String host, String sessionId, String title, String turnId,
                        long seq, String role, double timestamp, List<SnippetPart> snippet) {

    public FoundTurn {
        snippet = List.copyOf(snippet);
    }
}
