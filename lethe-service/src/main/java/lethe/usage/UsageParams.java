package lethe.usage;

import lethe.problem.ProblemException;
import lethe.session.SessionParams;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The query parameters of {@code GET /api/v1/usage}, each refused with a sentence naming it. */
final class UsageParams {

    static final List<UsageKey> DEFAULT_GROUP_BY = List.of(UsageKey.DAY);
    private static final int MAX_PROJECT = 4096;

    private UsageParams() {
    }

    /** {@code day}, {@code model}, {@code day,model}, …: distinct keys, in the order the rows carry them. */
    static List<UsageKey> groupBy(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_GROUP_BY;
        }
        List<UsageKey> keys = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            UsageKey key = UsageKey.fromParam(part.strip()).orElseThrow(() -> ProblemException.invalid(
                    "group_by must be keys from day, month, model, tool, host, project, session, separated by commas."));
            if (keys.contains(key)) {
                throw ProblemException.invalid("group_by names " + key.param() + " twice.");
            }
            keys.add(key);
        }
        return keys;
    }

    static ZoneId zone(String value, ZoneId fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("tz must be an IANA time zone such as Europe/Berlin or UTC.");
        }
    }

    /**
     * A date is a day in {@code zone}: {@code since} starts with it and {@code until} ends with it, so
     * {@code since=2025-12-01&until=2025-12-31} is the whole of December. Otherwise Unix seconds or an RFC 3339
     * time, which must fall on a quarter hour: usage is kept per quarter of an hour.
     */
    static Instant bound(String name, String value, ZoneId zone, boolean end) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            } catch (DateTimeException e) {
                throw ProblemException.invalid(name + " is not a calendar date.");
            }
        }
        double seconds = SessionParams.time(name, value);
        if (seconds % UsageService.QUARTER != 0) {
            throw ProblemException.invalid(name + " must fall on a quarter hour (usage is kept per 15 minutes): "
                    + "a date, or a time such as 2026-01-31T12:15:00Z.");
        }
        return Instant.ofEpochSecond((long) seconds);
    }

    static String project(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_PROJECT || value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("project must be a directory path of at most " + MAX_PROJECT
                    + " characters without control characters.");
        }
        return value;
    }
}
