package lethe.ui.search;

import lethe.ui.data.SnippetPart;
import lethe.ui.format.TimeText;

import java.util.List;

/** One matching turn as the page shows it; the snippet stays plain-text parts the template escapes. */
public record FoundTurnView(String href, String roleClass, String roleLabel, TimeText time, List<SnippetPart> snippet) {
}
