package lethe.files;

import lethe.problem.ProblemException;

/**
 * {@code file=}: sessions that read or changed a path whose trailing segments are the value. {@code app.py}
 * matches {@code /x/src/app.py} and {@code app.py}; {@code src/app.py} matches {@code /x/src/app.py};
 * {@code rc/app.py} matches neither (segments are whole). Paths are stored reversed
 * ({@code turn_files.path_reversed}), which makes "ends with these segments" a prefix of the reversed path,
 * followed by {@code /} or nothing: an equality and a range ({@code >= 'yp.ppa/'} and {@code < 'yp.ppa0'},
 * {@code 0} being the character after {@code /}) that a B-tree index answers on SQLite and PostgreSQL alike.
 *
 * @param reversed the value reversed (null: no filter)
 */
public record FileFilter(String reversed) {

    public static final FileFilter NONE = new FileFilter(null);

    /**
     * The condition narrowing sessions {@code s} to those with such a file; binds {@code :fileExact},
     * {@code :fileBelow} and {@code :fileEnd} ({@link #exact()}, {@link #below()}, {@link #end()}). Not
     * correlated with {@code s}: both databases find the sessions once, through the reversed-path index,
     * rather than once per matching turn.
     */
    public static final String SESSION_CONDITION = """
            s.id IN (SELECT f.session_pk FROM turn_files f
                      WHERE f.path_reversed = :fileExact
                         OR (f.path_reversed >= :fileBelow AND f.path_reversed < :fileEnd))
            """;

    /** {@link #SESSION_CONDITION} as a clause that holds for every session when {@code :fileExact} is null. */
    public static final String SESSION_CLAUSE = "   AND (:fileExact IS NULL OR " + SESSION_CONDITION + ")\n";

    /** An empty value is no filter; a value that cannot be a path is 400 {@code INVALID}. */
    public static FileFilter parse(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (value.length() > TouchedFiles.MAX_PATH_LENGTH || value.chars().anyMatch(Character::isISOControl)
                || value.endsWith("/") || value.isBlank()) {
            throw ProblemException.invalid("file must be a file name or the end of a path (src/app.py), at most "
                    + TouchedFiles.MAX_PATH_LENGTH + " characters, without control characters or a trailing /.");
        }
        return new FileFilter(reverse(value));
    }

    /** A path back to front by code point, so that a character outside the BMP stays whole. */
    public static String reverse(String path) {
        return new StringBuilder(path).reverse().toString();
    }

    public String exact() {
        return reversed;
    }

    public String below() {
        return reversed == null ? null : reversed + "/";
    }

    public String end() {
        return reversed == null ? null : reversed + "0";
    }
}
