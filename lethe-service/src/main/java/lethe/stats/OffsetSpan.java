package lethe.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/** A stretch of time over which a zone keeps one UTC offset. */
record OffsetSpan(Instant from, Instant until, int offsetSeconds) {

    /** The days {@code first}..{@code last} in {@code zone}, cut wherever its offset changes. */
    static List<OffsetSpan> covering(LocalDate first, LocalDate last, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        Instant cursor = first.atStartOfDay(zone).toInstant();
        List<OffsetSpan> spans = new ArrayList<>();
        while (cursor.isBefore(end)) {
            ZoneOffsetTransition next = rules.nextTransition(cursor);
            Instant until = next == null || next.getInstant().isAfter(end) ? end : next.getInstant();
            spans.add(new OffsetSpan(cursor, until, rules.getOffset(cursor).getTotalSeconds()));
            cursor = until;
        }
        return spans;
    }
}
