package lethe.search;

import java.util.List;
import java.util.Locale;

/**
 * Snippets for hits found by a scan (substrings of one or two characters), which have no FTS5 snippet():
 * the text around the first match, each match of a term wrapped in the marks.
 */
final class Snippets {

    static final int BEFORE = 40;
    static final int AFTER = 120;

    private Snippets() {
    }

    static String around(String content, List<String> terms, SearchService.Marks marks) {
        if (content == null || content.isEmpty()) {
            return "";
        }
        String lower = content.toLowerCase(Locale.ROOT);
        // Lower-casing keeps the length of the scripts scanned for (CJK has no case); for any other text
        // a changed length only means no mark, never a wrong cut.
        boolean aligned = lower.length() == content.length();
        int first = -1;
        for (String term : terms) {
            int at = aligned ? lower.indexOf(term.toLowerCase(Locale.ROOT)) : -1;
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        int start = Math.max(0, first - BEFORE);
        int end = Math.min(content.length(), Math.max(first, 0) + AFTER);
        start = Character.isLowSurrogate(content.charAt(Math.min(start, content.length() - 1))) && start > 0 ? start - 1 : start;
        end = end < content.length() && Character.isLowSurrogate(content.charAt(end)) ? end + 1 : end;
        StringBuilder snippet = new StringBuilder(start > 0 ? "…" : "");
        String window = content.substring(start, end);
        String windowLower = aligned ? lower.substring(start, end) : window;
        int at = 0;
        while (aligned && at < window.length()) {
            int next = -1;
            String matched = null;
            for (String term : terms) {
                int found = windowLower.indexOf(term.toLowerCase(Locale.ROOT), at);
                if (found >= 0 && (next < 0 || found < next)) {
                    next = found;
                    matched = term;
                }
            }
            if (next < 0) {
                break;
            }
            snippet.append(window, at, next).append(marks.open())
                    .append(window, next, next + matched.length()).append(marks.close());
            at = next + matched.length();
        }
        snippet.append(window.substring(Math.min(at, window.length())));
        return end < content.length() ? snippet.append('…').toString() : snippet.toString();
    }
}
