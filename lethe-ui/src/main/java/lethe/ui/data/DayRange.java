package lethe.ui.data;

import java.time.LocalDate;

/** Calendar days {@code first} to {@code last}, both included. */
public record DayRange(LocalDate first, LocalDate last) {
}
