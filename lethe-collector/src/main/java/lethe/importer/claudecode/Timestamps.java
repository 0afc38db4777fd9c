package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalDouble;

/** Claude Code's ISO-8601 times ({@code 2025-09-03T00:47:19.293Z}) as the Unix seconds of the wire. */
final class Timestamps {

    /** Numbers above this are milliseconds (year 5138 in seconds). */
    private static final double MILLIS_THRESHOLD = 1e11;

    private Timestamps() {
    }

    static OptionalDouble seconds(JsonNode value) {
        if (value.isNumber()) {
            double number = value.doubleValue();
            if (!Double.isFinite(number) || number < 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(number > MILLIS_THRESHOLD ? number / 1000 : number);
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

    private static OptionalDouble of(Instant instant) {
        if (instant.getEpochSecond() < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(instant.getEpochSecond() + instant.getNano() / 1e9);
    }
}
