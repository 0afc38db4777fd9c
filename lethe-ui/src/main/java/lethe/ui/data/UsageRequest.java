package lethe.ui.data;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Usage to count: the days {@code from} to {@code to} inclusive in {@code zone} (null for from the first /
 * to the last turn), grouped by {@code groupBy} (the API's keys: {@code day}, {@code month}, {@code model},
 * {@code tool}, {@code host}, {@code project}, {@code session}), for {@code owner} or everyone (null).
 */
public record UsageRequest(String owner, List<String> groupBy, LocalDate from, LocalDate to, ZoneId zone) {

    public UsageRequest {
        groupBy = List.copyOf(groupBy);
    }
}
