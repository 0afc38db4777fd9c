package lethe.importer.sources;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalDouble;

/** The assistants' times (ISO-8601 text, Unix seconds or milliseconds) as the Unix seconds of the wire. */
public final class Times {

    /** Numbers above this are milliseconds (year 5138 in seconds). */
    private static final double MILLIS_THRESHOLD = 1e11;

    private Times() {
    }

    public static OptionalDouble seconds(JsonNode value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value.isNumber()) {
            return seconds(value.doubleValue());
        }
        if (!value.isTextual()) {
            return OptionalDouble.empty();
        }
        String text = value.textValue().strip();
        try {
            return of(Instant.parse(text));
        } catch (DateTimeException notUtc) {
            try {
                return of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeException unreadable) {
                return OptionalDouble.empty();
            }
        }
    }

    /** A number of seconds or, when too large to be seconds, milliseconds. */
    public static OptionalDouble seconds(double number) {
        if (!Double.isFinite(number) || number <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(number > MILLIS_THRESHOLD ? number / 1000 : number);
    }

    private static OptionalDouble of(Instant instant) {
        if (instant.getEpochSecond() < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(instant.getEpochSecond() + instant.getNano() / 1e9);
    }
}
