package lethe.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a person typed, split into what each index can answer, never a syntax error: every term becomes
 * a quoted FTS5 phrase (all terms must match), so operators and quotes typed by the user are matched
 * literally.
 * <ul>
 * <li>A word ({@code gradle}, {@code café}, {@code refact*}) matches words through the unicode61 index
 * ({@link #words}): whole words or, with a trailing {@code *}, prefixes, ignoring case and accents.</li>
 * <li>A term holding Chinese, Japanese or Korean characters, or asked as a substring with a leading
 * {@code *} ({@code *Todos}), matches anywhere inside the text through the trigram index
 * ({@link #substrings}) when it has 3 characters or more; shorter ones ({@code 最新}) are below what a
 * trigram can index and are matched by {@code LIKE} ({@link #shortSubstrings}).</li>
 * </ul>
 * Control characters (a NUL above all, which SQLite would cut the query at) separate terms like spaces.
 */
public record FtsQuery(List<Term> terms) {

    static final int MAX_TERMS = 16;
    /** The trigram tokenizer indexes runs of three characters: shorter substrings need a scan. */
    static final int TRIGRAM = 3;

    public enum Kind { WORD, PREFIX, SUBSTRING }

    /** One term as typed, without its stars. */
    public record Term(String text, Kind kind) {

        boolean trigrams() {
            return kind == Kind.SUBSTRING && text.codePointCount(0, text.length()) >= TRIGRAM;
        }

        boolean scanned() {
            return kind == Kind.SUBSTRING && !trigrams();
        }

        String phrase() {
            return "\"" + text.replace("\"", "\"\"") + "\"" + (kind == Kind.PREFIX ? "*" : "");
        }
    }

    public static Optional<FtsQuery> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Term> terms = new ArrayList<>();
        for (String word : text.trim().split("[\\s\\p{Cntrl}]+")) {
            boolean substring = word.startsWith("*");
            String bare = substring ? word.substring(1) : word;
            boolean prefix = bare.endsWith("*");
            bare = prefix ? bare.substring(0, bare.length() - 1) : bare;
            if (bare.isBlank() || bare.chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            Kind kind = substring || hasCjk(bare) ? Kind.SUBSTRING : prefix ? Kind.PREFIX : Kind.WORD;
            terms.add(new Term(bare, kind));
            if (terms.size() == MAX_TERMS) {
                break;
            }
        }
        return terms.isEmpty() ? Optional.empty() : Optional.of(new FtsQuery(List.copyOf(terms)));
    }

    /** The FTS5 query for the unicode61 index (turns_fts), or null when no term is a word. */
    public String words() {
        return join(terms.stream().filter(t -> t.kind() != Kind.SUBSTRING).toList());
    }

    /** The FTS5 query for the trigram index (turns_trigram), or null when no term is a long substring. */
    public String substrings() {
        return join(terms.stream().filter(Term::trigrams).toList());
    }

    /**
     * The PostgreSQL {@code to_tsquery} text for the word and prefix terms, or null when there is none. A
     * word is split into its runs of letters and digits, exactly as the indexed text is (changeSet
     * pg-20-turns-search), and the runs must follow each other, a phrase as in FTS5; only letters and digits
     * reach to_tsquery, so nothing in it is syntax but the {@code <->}, {@code &} and {@code :*} written here.
     */
    public String tsquery() {
        List<String> phrases = new ArrayList<>();
        for (Term term : terms) {
            if (term.kind() == Kind.SUBSTRING) {
                continue;
            }
            List<String> runs = new ArrayList<>(List.of(term.text().split("[^\\p{L}\\p{N}]+")));
            runs.removeIf(String::isEmpty);
            if (term.kind() == Kind.PREFIX) {
                runs.set(runs.size() - 1, runs.get(runs.size() - 1) + ":*");
            }
            phrases.add(runs.size() == 1 ? runs.get(0) : "(" + String.join(" <-> ", runs) + ")");
        }
        return phrases.isEmpty() ? null : String.join(" & ", phrases);
    }

    /** Every substring term, whatever its length: PostgreSQL matches them all with {@code ILIKE}. */
    public List<String> allSubstrings() {
        return terms.stream().filter(t -> t.kind() == Kind.SUBSTRING).map(Term::text).toList();
    }

    /** Substrings of 1 or 2 characters, each matched by {@code LIKE}. */
    public List<String> shortSubstrings() {
        return terms.stream().filter(Term::scanned).map(Term::text).toList();
    }

    /**
     * The same query with its words of 3 characters or more matched inside longer tokens ({@code useTodos}
     * in {@code useTodosReducer}), for when matching them as words found nothing; empty when no word can.
     */
    public Optional<FtsQuery> asSubstrings() {
        List<Term> widened = terms.stream()
                .map(t -> t.kind() != Kind.SUBSTRING && t.text().codePointCount(0, t.text().length()) >= TRIGRAM
                        ? new Term(t.text(), Kind.SUBSTRING) : t)
                .toList();
        return widened.equals(terms) ? Optional.empty() : Optional.of(new FtsQuery(widened));
    }

    static boolean hasCjk(String text) {
        return text.codePoints().anyMatch(c -> switch (Character.UnicodeScript.of(c)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> true;
            default -> false;
        });
    }

    /**
     * {@code term} as a LIKE pattern matching it anywhere, with {@code !} as the escape character (JDBI
     * reads a backslash before a quote in SQL as escaping the quote, so {@code ESCAPE '\'} is avoided).
     */
    static String likePattern(String term) {
        return "%" + escapeLike(term) + "%";
    }

    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String join(List<Term> some) {
        return some.isEmpty() ? null : some.stream().map(Term::phrase).collect(Collectors.joining(" "));
    }
}
