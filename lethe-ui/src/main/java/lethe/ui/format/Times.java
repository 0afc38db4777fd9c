package lethe.ui.format;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Formats Unix times in the UI's zone, the way a person scans a list: "today 14:02", "yesterday 09:10",
 * "Tue 11:30", "3 Mar 14:02", "3 Mar 2024". The exact second and offset go in a tooltip.
 */
public final class Times {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'xxx", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private final ZoneId zone;
    private final Clock clock;

    public Times(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** For lists: relative to today. Null stays null (a session with no turns has no times). */
    public TimeText relative(Double unixSeconds) {
        if (unixSeconds == null) {
            return null;
        }
        ZonedDateTime time = at(unixSeconds);
        LocalDate day = time.toLocalDate();
        LocalDate today = today();
        String text;
        if (day.equals(today)) {
            text = "today " + CLOCK.format(time);
        } else if (day.equals(today.minusDays(1))) {
            text = "yesterday " + CLOCK.format(time);
        } else if (day.isBefore(today) && day.isAfter(today.minusDays(7))) {
            text = WEEKDAY.format(time);
        } else if (day.getYear() == today.getYear()) {
            text = THIS_YEAR.format(time);
        } else {
            text = OTHER_YEAR.format(time);
        }
        return of(time, text);
    }

    /** For turns, whose day is shown once above them: the time of day to the second. */
    public TimeText clock(double unixSeconds) {
        ZonedDateTime time = at(unixSeconds);
        return of(time, CLOCK_SECONDS.format(time));
    }

    public LocalDate day(double unixSeconds) {
        return at(unixSeconds).toLocalDate();
    }

    public static String longDay(LocalDate day) {
        return DAY.format(day);
    }

    /** The first second of {@code day} in the UI's zone, as Unix seconds. */
    public double startOf(LocalDate day) {
        return day.atStartOfDay(zone).toEpochSecond();
    }

    /** How long something took, in the largest unit that reads well: "45 s", "12 min", "3 h 5 min", "2 days". */
    public static String duration(Double from, Double to) {
        if (from == null || to == null || to < from) {
            return null;
        }
        Duration d = Duration.ofMillis(Math.round((to - from) * 1000));
        if (d.toSeconds() < 60) {
            return d.toSeconds() + " s";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min";
        }
        if (d.toHours() < 48) {
            long minutes = d.toMinutesPart();
            return d.toHours() + " h" + (minutes == 0 ? "" : " " + minutes + " min");
        }
        return d.toDays() + " days";
    }

    private ZonedDateTime at(double unixSeconds) {
        long millis = Math.round(unixSeconds * 1000);
        return Instant.ofEpochMilli(millis).atZone(zone).truncatedTo(ChronoUnit.SECONDS);
    }

    private static TimeText of(ZonedDateTime time, String text) {
        return new TimeText(text, EXACT.format(time), time.toOffsetDateTime().toString());
    }
}
