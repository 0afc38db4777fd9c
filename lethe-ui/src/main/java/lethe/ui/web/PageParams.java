package lethe.ui.web;

import lethe.api.WireRules;
import lethe.ui.Viewer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads the pages' query parameters. Anything malformed is a 400 page saying which parameter and what
 * it should look like; the value itself is never echoed back.
 */
public final class PageParams {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_PAGE = 1_000_000;

    private PageParams() {
    }

    /**
     * Viewers see their own data. Admins may name another owner, or {@code *} for everyone where
     * {@code everyoneAllowed}; anyone else naming an owner is refused, exactly as the API does.
     */
    public static Scope scope(Viewer viewer, String requested, boolean everyoneAllowed) {
        if (requested == null || requested.isEmpty()) {
            return new Scope(viewer.getName(), null);
        }
        if (!viewer.isAdmin()) {
            throw PageProblem.forbidden("Only admins may look at someone else's sessions (owner=).");
        }
        if (requested.equals(Scope.EVERYONE)) {
            if (!everyoneAllowed) {
                throw PageProblem.invalid("owner=* is for lists; name one owner to read a session.");
            }
            return new Scope(null, Scope.EVERYONE);
        }
        if (!WireRules.isUserName(requested)) {
            throw PageProblem.invalid("owner must be a user name (1-256 characters, no control characters) or *.");
        }
        return new Scope(requested, requested.equals(viewer.getName()) ? null : requested);
    }

    /** A tool or host filter: empty means any. */
    public static String id(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!WireRules.isSafeId(value)) {
            throw PageProblem.invalid(WireRules.safeIdRule(name) + ".");
        }
        return value;
    }

    static final int MAX_PATH = 1000;

    /** A project directory or a file path as typed: blank means unset. */
    public static String path(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_PATH) {
            throw PageProblem.invalid(name + " must be at most " + MAX_PATH + " characters.");
        }
        return value.strip();
    }

    /** A calendar day as a date input sends it, {@code 2026-01-31}; empty means unset. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                // an impossible day such as 2026-02-30 gets the same answer as a malformed one
            }
        }
        throw PageProblem.invalid(name + " must be a date such as 2026-01-31.");
    }

    /** 1-based page number; empty means the first. */
    public static int page(String value) {
        if (value == null || value.isEmpty()) {
            return 1;
        }
        if (!value.matches("\\d{1,7}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_PAGE) {
            throw PageProblem.invalid("page must be a whole number from 1 to " + MAX_PAGE + ".");
        }
        return Integer.parseInt(value);
    }
}
