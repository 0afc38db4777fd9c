package lethe.ui.stats;

import lethe.api.Usage;
import lethe.ui.data.SessionDay;
import lethe.ui.transcript.TurnPresenter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The stats page's numbers, folded from one row per session-day: sessions and turns per day split by a
 * dimension, tokens per day by kind, and totals. Every day of the range is present, idle ones as zero.
 */
public final class Activity {

    /** Beyond this many series, the smallest are summed into one "other" layer, so colours stay tellable apart. */
    static final int MAX_SERIES = 7;
    static final String OTHER = "other";

    private final List<LocalDate> days;
    private final Split split;
    private final List<SessionDay> rows;
    private final Map<LocalDate, Integer> index = new HashMap<>();

    private Activity(List<LocalDate> days, Split split, List<SessionDay> rows) {
        this.days = days;
        this.split = split;
        this.rows = rows;
        for (int i = 0; i < days.size(); i++) {
            index.put(days.get(i), i);
        }
    }

    public static Activity of(List<SessionDay> rows, LocalDate from, LocalDate to, Split split) {
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        List<SessionDay> inRange = rows.stream().filter(r -> !r.day().isBefore(from) && !r.day().isAfter(to)).toList();
        return new Activity(days, split, inRange);
    }

    public List<LocalDate> days() {
        return days;
    }

    public Split split() {
        return split;
    }

    public List<Series> sessions() {
        return bySplit(row -> 1);
    }

    public List<Series> turns() {
        return bySplit(SessionDay::turns);
    }

    /** Tokens per day by kind; empty when no turn in the range reported any. */
    public List<Series> tokens() {
        List<Series> series = new ArrayList<>();
        addTokens(series, "input", "s0", Usage::inputTokens);
        addTokens(series, "output", "s1", Usage::outputTokens);
        addTokens(series, "cache write", "s2", Usage::cacheWriteTokens);
        addTokens(series, "cache read", "s3", Usage::cacheReadTokens);
        return series.stream().anyMatch(s -> s.total() > 0) ? series : List.of();
    }

    /** Distinct sessions active in the range (a session active on three days counts once here). */
    public long totalSessions() {
        return rows.stream().mapToLong(SessionDay::session).distinct().count();
    }

    public long totalTurns() {
        return rows.stream().mapToLong(SessionDay::turns).sum();
    }

    public long totalTokens() {
        return tokens().stream().mapToLong(Series::total).sum();
    }

    public long activeDays() {
        return rows.stream().map(SessionDay::day).distinct().count();
    }

    /**
     * Per value of the split, across the whole range: sessions, turns and tokens, most turns first. A
     * session counts once under each value it has (by model, a session can change model from day to day).
     */
    public List<Breakdown> breakdown() {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, Set<Long>> sessions = new HashMap<>();
        for (SessionDay row : rows) {
            String key = split.keyOf(row);
            long[] sum = sums.computeIfAbsent(key, k -> new long[3]);
            if (sessions.computeIfAbsent(key, k -> new HashSet<>()).add(row.session())) {
                sum[0]++;
            }
            sum[1] += row.turns();
            sum[2] += TurnPresenter.total(row.tokens());
        }
        return sums.entrySet().stream()
                .map(e -> new Breakdown(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .sorted(Comparator.comparingLong(Breakdown::turns).reversed().thenComparing(Breakdown::name))
                .toList();
    }

    /** One line of the breakdown table. */
    public record Breakdown(String name, long sessions, long turns, long tokens) {
    }

    /**
     * Layers in the same order, with the same colours, in every chart: by turns over the whole range,
     * most first, so that a tool keeps its colour from the sessions chart to the turns chart.
     */
    private List<Series> bySplit(ToLongFunction<SessionDay> measure) {
        Map<String, long[]> perKey = new HashMap<>();
        for (SessionDay row : rows) {
            long[] values = perKey.computeIfAbsent(split.keyOf(row), k -> new long[days.size()]);
            values[index.get(row.day())] += measure.applyAsLong(row);
        }
        List<String> order = breakdown().stream().map(Breakdown::name).toList();
        boolean grouped = order.size() > MAX_SERIES;
        int shown = grouped ? MAX_SERIES - 1 : order.size();
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            series.add(new Series(order.get(i), "s" + i, boxed(perKey.get(order.get(i)))));
        }
        if (grouped) {
            long[] other = new long[days.size()];
            for (String key : order.subList(shown, order.size())) {
                long[] values = perKey.get(key);
                for (int d = 0; d < values.length; d++) {
                    other[d] += values[d];
                }
            }
            series.add(new Series(OTHER + " (" + (order.size() - shown) + ")", "s-other", boxed(other)));
        }
        return series;
    }

    private void addTokens(List<Series> series, String name, String cssClass, Function<Usage, Long> field) {
        long[] values = new long[days.size()];
        for (SessionDay row : rows) {
            if (row.tokens() != null) {
                Long value = field.apply(row.tokens());
                if (value != null) {
                    values[index.get(row.day())] += value;
                }
            }
        }
        series.add(new Series(name, cssClass, boxed(values)));
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}
