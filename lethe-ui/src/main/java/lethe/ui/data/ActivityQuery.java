package lethe.ui.data;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The days to count activity on, {@code from} to {@code to} inclusive, as calendar days in {@code zone};
 * for one owner, or everyone when {@code owner} is null.
 */
public record ActivityQuery(String owner, LocalDate from, LocalDate to, ZoneId zone) {
}
