package lethe.ui.data;

import lethe.api.Usage;

import java.time.LocalDate;

/**
 * One session's activity on one day: the unit the stats page counts. A session that spans midnight
 * yields a row per day.
 *
 * @param session an opaque number telling sessions apart within one answer, so they can be counted once
 * @param model   the model that answered most of the session's turns that day, or null when no turn
 *                named one; the whole session-day counts under it, so a split by model adds up
 * @param tokens  token totals of that day's turns; fields are null when no turn reported them
 * @param project the session's project directory ({@code meta.cwd}), or null
 */
public record SessionDay(LocalDate day, long session, String tool, String host, String model, long turns,
                         Usage tokens, String project) {
}
