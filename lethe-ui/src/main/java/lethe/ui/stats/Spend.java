package lethe.ui.stats;

import lethe.api.UsageReport;
import lethe.api.UsageRow;
import lethe.ui.format.Dollars;
import lethe.ui.format.Numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Dollars and tokens per day or month, folded from usage rows grouped by time, the page's split and model.
 * Grouping by model too keeps a priced model's dollars when another model of the same slot has no price:
 * the charts stack what is priced, and the turns that are not are counted beside them.
 *
 * @param slots the days or months of the x axis, as the usage rows name them ({@code 2026-03-02}, {@code 2026-03})
 */
public record Spend(List<String> slots, String timeKey, Split split, List<UsageRow> rows) {

    /** One model's figures over the whole range; {@code costMicros} counts only when {@code unpricedTurns} is 0. */
    public record ModelLine(String model, long turns, long input, long output, long cacheWrite, long cacheRead,
                            long costMicros, long unpricedTurns) {

        public String cost() {
            return unpricedTurns > 0 ? null : Dollars.exact(costMicros);
        }

        public String turnsText() {
            return Numbers.exact(turns);
        }

        public String inputText() {
            return Numbers.exact(input);
        }

        public String outputText() {
            return Numbers.exact(output);
        }

        public String cacheWriteText() {
            return Numbers.exact(cacheWrite);
        }

        public String cacheReadText() {
            return Numbers.exact(cacheRead);
        }

        /** "not priced (1 turn)", "not priced (66 turns)". */
        public String notPriced() {
            return "not priced (" + Numbers.exact(unpricedTurns) + (unpricedTurns == 1 ? " turn)" : " turns)");
        }
    }

    public static Spend of(List<String> slots, String timeKey, Split split, UsageReport report) {
        return new Spend(List.copyOf(slots), timeKey, split, report.rows());
    }

    /** Priced dollars per slot, split, most expensive first, at most {@link Activity#MAX_SERIES} layers. */
    public List<Series> cost() {
        return layered(row -> row.costUsd() == null ? 0 : Dollars.micros(row.costUsd()));
    }

    /** Tokens per slot by kind; empty when no turn reported any. */
    public List<Series> tokens() {
        List<Series> series = List.of(
                perSlot("input", "s0", UsageRow::inputTokens),
                perSlot("output", "s1", UsageRow::outputTokens),
                perSlot("cache write", "s2", UsageRow::cacheWriteTokens),
                perSlot("cache read", "s3", UsageRow::cacheReadTokens));
        return series.stream().anyMatch(s -> s.total() > 0) ? series : List.of();
    }

    public long unpricedTurns() {
        return rows.stream().mapToLong(UsageRow::unpricedTurns).sum();
    }

    public long costMicros() {
        return rows.stream().mapToLong(row -> row.costUsd() == null ? 0 : Dollars.micros(row.costUsd())).sum();
    }

    public long tokens(ToLongFunction<UsageRow> kind) {
        return rows.stream().mapToLong(kind).sum();
    }

    /** Per model over the whole range, most expensive first; models without a price after them. */
    public List<ModelLine> byModel() {
        return lines(row -> row.key("model"));
    }

    /** Per value of the split over the whole range, in the same order. */
    public List<ModelLine> bySplit() {
        return lines(row -> keyOf(row));
    }

    private List<ModelLine> lines(Function<UsageRow, String> key) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (UsageRow row : rows) {
            String name = key.apply(row);
            long[] sum = sums.computeIfAbsent(name == null ? Split.NO_MODEL : name, k -> new long[7]);
            sum[0] += row.turns();
            sum[1] += row.inputTokens();
            sum[2] += row.outputTokens();
            sum[3] += row.cacheWriteTokens();
            sum[4] += row.cacheReadTokens();
            sum[5] += row.costUsd() == null ? 0 : Dollars.micros(row.costUsd());
            sum[6] += row.unpricedTurns();
        }
        return sums.entrySet().stream()
                .map(e -> new ModelLine(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
                        e.getValue()[4], e.getValue()[5], e.getValue()[6]))
                .sorted(Comparator.comparing((ModelLine l) -> l.unpricedTurns() > 0)
                        .thenComparing(Comparator.comparingLong(ModelLine::costMicros).reversed())
                        .thenComparing(ModelLine::model))
                .toList();
    }

    /** The models whose turns have no price, for the "not priced" note. */
    public List<String> unpricedModels() {
        TreeSet<String> models = new TreeSet<>();
        rows.stream().filter(row -> row.unpricedTurns() > 0)
                .forEach(row -> models.add(row.key("model") == null ? Split.NO_MODEL : row.key("model")));
        return List.copyOf(models);
    }

    private String keyOf(UsageRow row) {
        String value = row.key(split.param());
        if (value != null) {
            return value;
        }
        return split == Split.PROJECT ? Split.NO_PROJECT : Split.NO_MODEL;
    }

    private Series perSlot(String name, String cssClass, ToLongFunction<UsageRow> measure) {
        Map<String, Integer> index = index();
        long[] values = new long[slots.size()];
        for (UsageRow row : rows) {
            Integer at = index.get(row.key(timeKey));
            if (at != null) {
                values[at] += measure.applyAsLong(row);
            }
        }
        return new Series(name, cssClass, boxed(values));
    }

    private List<Series> layered(ToLongFunction<UsageRow> measure) {
        Map<String, Integer> index = index();
        Map<String, long[]> perKey = new HashMap<>();
        for (UsageRow row : rows) {
            Integer at = index.get(row.key(timeKey));
            if (at != null) {
                perKey.computeIfAbsent(keyOf(row), k -> new long[slots.size()])[at] += measure.applyAsLong(row);
            }
        }
        List<String> order = perKey.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -sum(e.getValue())).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
        boolean grouped = order.size() > Activity.MAX_SERIES;
        int shown = grouped ? Activity.MAX_SERIES - 1 : order.size();
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            series.add(new Series(order.get(i), "s" + i, boxed(perKey.get(order.get(i)))));
        }
        if (grouped) {
            long[] other = new long[slots.size()];
            for (String key : order.subList(shown, order.size())) {
                long[] values = perKey.get(key);
                for (int d = 0; d < values.length; d++) {
                    other[d] += values[d];
                }
            }
            series.add(new Series(Activity.OTHER + " (" + (order.size() - shown) + ")", "s-other", boxed(other)));
        }
        return series;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            index.put(slots.get(i), i);
        }
        return index;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}
