package lethe.ui.search;

import lethe.ui.data.SnippetPart;
import lethe.ui.format.TimeText;

import java.util.List;

/** One search result as the page shows it; the snippet stays plain-text parts the template escapes. */
public record FoundTurnView(String href, String title, boolean untitled, String owner, String tool, String host,
                            String roleClass, String roleLabel, TimeText time, List<SnippetPart> snippet) {
}
