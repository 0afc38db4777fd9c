package lethe.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a person types into an FTS5 query that cannot be a syntax error: every word becomes a
 * quoted phrase (all must match); a word ending in {@code *} stays a prefix search. FTS5 operators and
 * quotes typed by the user are matched literally instead of being parsed.
 */
public final class FtsQuery {

    static final int MAX_TERMS = 16;

    private FtsQuery() {
    }

    public static Optional<String> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<String> terms = new ArrayList<>();
        // Control characters (a NUL above all, which SQLite would cut the query at) separate words like spaces.
        for (String word : text.trim().split("[\\s\\p{Cntrl}]+")) {
            boolean prefix = word.endsWith("*") && word.length() > 1;
            String bare = prefix ? word.substring(0, word.length() - 1) : word;
            if (bare.isBlank() || bare.chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            terms.add("\"" + bare.replace("\"", "\"\"") + "\"" + (prefix ? "*" : ""));
            if (terms.size() == MAX_TERMS) {
                break;
            }
        }
        return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", terms));
    }
}
