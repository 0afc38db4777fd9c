package lethe.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of time over which a zone keeps one UTC offset. Clock changes happen on a quarter hour (in
 * every zone since the 1970s), so each span is a whole number of the rollup's buckets.
 */
record ZoneSpan(Instant from, Instant until, int offsetSeconds) {

    static List<ZoneSpan> between(Instant from, Instant until, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneSpan> spans = new ArrayList<>();
        Instant cursor = from;
        while (cursor.isBefore(until)) {
            ZoneOffsetTransition next = rules.nextTransition(cursor);
            Instant end = next == null || next.getInstant().isAfter(until) ? until : next.getInstant();
            spans.add(new ZoneSpan(cursor, end, rules.getOffset(cursor).getTotalSeconds()));
            cursor = end;
        }
        return spans;
    }

    long firstQuarter() {
        return Math.floorDiv(from.getEpochSecond(), UsageService.QUARTER);
    }

    long endQuarter() {
        return Math.floorDiv(until.getEpochSecond() + UsageService.QUARTER - 1, UsageService.QUARTER);
    }
}
