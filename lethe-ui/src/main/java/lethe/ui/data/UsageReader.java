package lethe.ui.data;

import lethe.api.UsageReport;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Tokens and dollars, as the stats page reads them: the same figures as {@code GET /api/v1/usage}.
 * Scoped like every reader method: to the owner given (everyone when null), already checked by the page.
 * It also prices single responses, for the transcript's per-turn cost.
 */
public interface UsageReader extends ResponsePricing {

    /** Usage of the request's turns, one row per group, with totals. */
    UsageReport usage(UsageRequest request);

    /** The first and last day, in {@code zone}, on which the owner's turns reported usage; empty when none did. */
    Optional<DayRange> usageDays(String owner, ZoneId zone);
}
