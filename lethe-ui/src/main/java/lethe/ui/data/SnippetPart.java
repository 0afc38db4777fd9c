package lethe.ui.data;

import java.util.ArrayList;
import java.util.List;

/** A piece of a search snippet: a matched word, or the text around matches. Always plain text, never markup. */
public record SnippetPart(String text, boolean match) {

    /**
     * Splits a snippet whose matches are wrapped in {@code open} and {@code close}. The markers must be
     * strings the text itself cannot contain, or a transcript could fake a match. A match cut off before
     * its closing marker runs to the end; a stray closing marker is dropped.
     */
    public static List<SnippetPart> split(String marked, String open, String close) {
        List<SnippetPart> parts = new ArrayList<>();
        int at = 0;
        while (at < marked.length()) {
            int start = marked.indexOf(open, at);
            if (start < 0) {
                add(parts, marked.substring(at).replace(close, ""), false);
                break;
            }
            add(parts, marked.substring(at, start).replace(close, ""), false);
            int end = marked.indexOf(close, start + open.length());
            int stop = end < 0 ? marked.length() : end;
            add(parts, marked.substring(start + open.length(), stop).replace(open, ""), true);
            at = end < 0 ? marked.length() : end + close.length();
        }
        return parts;
    }

    private static void add(List<SnippetPart> parts, String text, boolean match) {
        if (!text.isEmpty()) {
            parts.add(new SnippetPart(text, match));
        }
    }
}
