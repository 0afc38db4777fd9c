package lethe.session;

import lethe.api.WireRules;
import lethe.auth.LetheUser;
import lethe.problem.ProblemException;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Turns the raw query parameters of the session endpoints into values, answering 400 {@code INVALID}
 * with a sentence for anything malformed (Jersey's own conversion would answer 404).
 */
public final class SessionParams {

    /** A project is a directory path as the collector saw it; nothing longer is a path any system uses. */
    private static final int MAX_PROJECT_LENGTH = 4096;

    private SessionParams() {
    }

    /**
     * Whose sessions the caller asks for: their own by default; an admin may name another owner or
     * {@code *} for everyone (returned as null). A non-admin naming any owner is refused outright.
     */
    public static String owner(LetheUser caller, String requested) {
        if (requested == null || requested.isEmpty()) {
            return caller.name();
        }
        if (!caller.admin()) {
            throw ProblemException.forbidden("Only admins may pass owner=.");
        }
        if (requested.equals("*")) {
            return null;
        }
        if (!WireRules.isUserName(requested)) {
            throw ProblemException.invalid("owner must be a user name (1-256 characters, no control characters) or *.");
        }
        return requested;
    }

    public static String filter(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!WireRules.isSafeId(value)) {
            throw ProblemException.invalid(WireRules.safeIdRule(name) + ".");
        }
        return value;
    }

    /** {@code project=}: a session's {@code meta.cwd}, matched exactly. */
    public static String project(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_PROJECT_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("project must be a directory path of at most " + MAX_PROJECT_LENGTH
                    + " characters without control characters.");
        }
        return value;
    }

    /** {@code subagents=exclude} leaves sub-agent runs out of a list; {@code include} (the default) keeps them. */
    public static boolean excludeSubagents(String value) {
        if (value == null || value.isEmpty() || value.equals("include")) {
            return false;
        }
        if (value.equals("exclude")) {
            return true;
        }
        throw ProblemException.invalid("subagents must be include or exclude.");
    }

    public static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return SessionQuery.DEFAULT_LIMIT;
        }
        long parsed = integer("limit", value);
        return (int) Math.max(1, Math.min(SessionQuery.MAX_LIMIT, parsed));
    }

    public static long offset(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        long parsed = integer("offset", value);
        if (parsed < 0) {
            throw ProblemException.invalid("offset must be an integer >= 0.");
        }
        return parsed;
    }

    /** Unix seconds (integer or fractional), an RFC 3339 timestamp, or a date (midnight UTC). */
    public static Double time(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.matches("-?\\d+(\\.\\d+)?")) {
                return Double.parseDouble(value);
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return (double) LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            OffsetDateTime time = OffsetDateTime.parse(value);
            return time.toEpochSecond() + time.getNano() / 1e9;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ProblemException.invalid(name + " must be Unix seconds or an RFC 3339 time such as 2026-01-31T12:00:00Z.");
        }
    }

    private static long integer(String name, String value) {
        if (!value.matches("-?\\d{1,18}")) {
            throw ProblemException.invalid(name + " must be an integer.");
        }
        return Long.parseLong(value);
    }
}
