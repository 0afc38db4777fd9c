package lethe.ui.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the words of a search in a turn's HTML, so that a search result opens on its words. The HTML is
 * ours (every transcript value in it is escaped), so only its text runs are touched: never inside a tag
 * or an entity. As in the search, case does not matter and {@code word*} matches what starts with it.
 */
public final class Highlight {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+\\*?");
    private static final int MAX_WORDS = 16;

    private final Pattern words;

    private Highlight(Pattern words) {
        this.words = words;
    }

    public static Optional<Highlight> of(String search) {
        if (search == null || search.isBlank()) {
            return Optional.empty();
        }
        List<String> alternatives = new ArrayList<>();
        Matcher word = WORD.matcher(search.length() > 500 ? search.substring(0, 500) : search);
        while (word.find() && alternatives.size() < MAX_WORDS) {
            String found = word.group();
            boolean prefix = found.endsWith("*");
            String bare = prefix ? found.substring(0, found.length() - 1) : found;
            alternatives.add(Pattern.quote(bare) + (prefix ? "[\\p{L}\\p{N}_]*" : ""));
        }
        if (alternatives.isEmpty()) {
            return Optional.empty();
        }
        String regex = "(?<![\\p{L}\\p{N}_])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}_])";
        return Optional.of(new Highlight(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    String apply(String html) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                end = end < 0 ? html.length() : end + 1;
                out.append(html, i, end);
                i = end;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                end = end < 0 ? html.length() : end + 1;
                out.append(html, i, end);
                i = end;
            } else {
                int end = i;
                while (end < html.length() && html.charAt(end) != '<' && html.charAt(end) != '&') {
                    end++;
                }
                mark(html.substring(i, end), out);
                i = end;
            }
        }
        return out.toString();
    }

    private void mark(String text, StringBuilder out) {
        Matcher match = words.matcher(text);
        int at = 0;
        while (match.find()) {
            out.append(text, at, match.start()).append("<mark>").append(match.group()).append("</mark>");
            at = match.end();
        }
        out.append(text, at, text.length());
    }
}
