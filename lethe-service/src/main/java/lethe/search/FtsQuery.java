package lethe.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a person types into a full-text query that cannot be a syntax error, for either index:
 * every word must match; a word ending in {@code *} is a prefix search; operators and quotes typed by
 * the user are matched literally instead of being parsed.
 */
public final class FtsQuery {

    static final int MAX_TERMS = 16;

    /** One word typed, without its trailing {@code *}. */
    record Term(String word, boolean prefix) {
    }

    private FtsQuery() {
    }

    /** The FTS5 query: every word a quoted phrase, so FTS5 parses none of it. */
    public static Optional<String> of(String text) {
        List<String> quoted = terms(text).stream()
                .map(term -> "\"" + term.word().replace("\"", "\"\"") + "\"" + (term.prefix() ? "*" : ""))
                .toList();
        return quoted.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", quoted));
    }

    /**
     * The PostgreSQL {@code to_tsquery} text. A word is split into its runs of letters and digits, exactly
     * as the indexed text is (see changeSet pg-20-turns-search), and the runs must follow each other (a
     * phrase, as in FTS5); only letters and digits reach to_tsquery, so nothing in it is syntax but the
     * {@code <->}, {@code &} and {@code :*} written here.
     */
    public static Optional<String> tsquery(String text) {
        List<String> phrases = new ArrayList<>();
        for (Term term : terms(text)) {
            List<String> runs = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            term.word().codePoints().forEach(c -> {
                if (Character.isLetterOrDigit(c)) {
                    run.appendCodePoint(c);
                } else if (!run.isEmpty()) {
                    runs.add(run.toString());
                    run.setLength(0);
                }
            });
            if (!run.isEmpty()) {
                runs.add(run.toString());
            }
            if (term.prefix()) {
                runs.set(runs.size() - 1, runs.get(runs.size() - 1) + ":*");
            }
            phrases.add(runs.size() == 1 ? runs.get(0) : "(" + String.join(" <-> ", runs) + ")");
        }
        return phrases.isEmpty() ? Optional.empty() : Optional.of(String.join(" & ", phrases));
    }

    /** The words of the text that hold a letter or digit, at most {@link #MAX_TERMS} of them. */
    static List<Term> terms(String text) {
        if (text == null) {
            return List.of();
        }
        List<Term> terms = new ArrayList<>();
        // Control characters (a NUL above all, which SQLite would cut the query at) separate words like spaces.
        for (String word : text.trim().split("[\\s\\p{Cntrl}]+")) {
            boolean prefix = word.endsWith("*") && word.length() > 1;
            String bare = prefix ? word.substring(0, word.length() - 1) : word;
            if (bare.isBlank() || bare.chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            terms.add(new Term(bare, prefix));
            if (terms.size() == MAX_TERMS) {
                break;
            }
        }
        return terms;
    }
}
