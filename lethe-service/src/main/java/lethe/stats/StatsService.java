package lethe.stats;

import lethe.api.Usage;
import lethe.ui.data.ActivityQuery;
import lethe.ui.data.SessionDay;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts activity per session and local day for the stats page. A session-day is attributed to the model
 * that answered most of its turns, so counts split by model add up to the totals.
 */
public class StatsService {

    private final Jdbi jdbi;

    public StatsService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<SessionDay> activity(ActivityQuery query) {
        List<ActivityRow> rows = new ArrayList<>();
        jdbi.useExtension(StatsDao.class, dao -> {
            for (OffsetSpan span : OffsetSpan.covering(query.from(), query.to(), query.zone())) {
                double lo = span.from().getEpochSecond();
                double hi = span.until().getEpochSecond();
                rows.addAll(query.owner() == null
                        ? dao.forEveryone(lo, hi, span.offsetSeconds())
                        : dao.forOwner(query.owner(), lo, hi, span.offsetSeconds()));
            }
        });
        return fold(rows);
    }

    /** Merges a session-day's rows (one per model, and per offset span on a clock-change day) into one. */
    static List<SessionDay> fold(List<ActivityRow> rows) {
        Map<String, Accumulator> byKey = new LinkedHashMap<>();
        for (ActivityRow row : rows) {
            byKey.computeIfAbsent(row.day() + "/" + row.sessionPk(), k -> new Accumulator(row)).add(row);
        }
        return byKey.values().stream().map(Accumulator::toSessionDay)
                .sorted(Comparator.comparing(SessionDay::day).thenComparingLong(SessionDay::session))
                .toList();
    }

    private static final class Accumulator {
        private final ActivityRow first;
        private final Map<String, Long> turnsByModel = new HashMap<>();
        private long turns;
        private Long input;
        private Long output;
        private Long cacheRead;
        private Long cacheWrite;

        Accumulator(ActivityRow first) {
            this.first = first;
        }

        void add(ActivityRow row) {
            turns += row.turns();
            if (row.model() != null) {
                turnsByModel.merge(row.model(), row.turns(), Long::sum);
            }
            input = plus(input, row.inputTokens());
            output = plus(output, row.outputTokens());
            cacheRead = plus(cacheRead, row.cacheReadTokens());
            cacheWrite = plus(cacheWrite, row.cacheWriteTokens());
        }

        SessionDay toSessionDay() {
            String model = turnsByModel.entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey)
                    .orElse(null);
            Usage usage = new Usage(input, output, cacheRead, cacheWrite);
            return new SessionDay(LocalDate.parse(first.day()), first.sessionPk(), first.tool(), first.host(), model,
                    turns, usage.isEmpty() ? null : usage, first.project());
        }

        private static Long plus(Long sum, Long value) {
            if (value == null) {
                return sum;
            }
            return sum == null ? value : sum + value;
        }
    }
}
