package lethe.ui.stats;

import lethe.ui.format.Numbers;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/** Lays out a stacked bar chart of per-day series: scale, bars, axis ticks, legend and table. */
public final class BarChart {

    private static final double LEFT = ChartView.LEFT;
    private static final double TOP = ChartView.TOP;
    static final int MAX_X_LABELS = 8;
    static final int MAX_Y_TICKS = 5;

    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIP_DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH);
    private static final DateTimeFormatter TIP_MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private BarChart() {
    }

    /**
     * @param unit what one counts, plural ("sessions", "turns", "tokens"): used in tooltips and the description
     */
    public static ChartView of(String id, String title, String unit, List<LocalDate> days, List<Series> series) {
        List<Slot> slots = days.stream()
                .map(day -> new Slot(day.toString(), SHORT_DAY.format(day), TIP_DAY.format(day)))
                .toList();
        return of(id, title, unit, "Day", slots, series, Numbers::exact, Numbers::compact);
    }

    /** The same chart with a slot per month. */
    public static ChartView byMonth(String id, String title, String unit, List<YearMonth> months, List<Series> series,
                                    LongFunction<String> exact, LongFunction<String> compact) {
        List<Slot> slots = months.stream()
                .map(month -> new Slot(month.toString(), SHORT_MONTH.format(month), TIP_MONTH.format(month)))
                .toList();
        return of(id, title, unit, "Month", slots, series, exact, compact);
    }

    /** The same chart with a slot per day and values written by {@code exact} and {@code compact} (dollars, say). */
    public static ChartView byDay(String id, String title, String unit, List<LocalDate> days, List<Series> series,
                                  LongFunction<String> exact, LongFunction<String> compact) {
        List<Slot> slots = days.stream()
                .map(day -> new Slot(day.toString(), SHORT_DAY.format(day), TIP_DAY.format(day)))
                .toList();
        return of(id, title, unit, "Day", slots, series, exact, compact);
    }

    /** One place along the x axis: its label in the table, under the axis, and in tooltips. */
    record Slot(String row, String tick, String tip) {
    }

    private static ChartView of(String id, String title, String unit, String xLabel, List<Slot> slots,
                                List<Series> series, LongFunction<String> exact, LongFunction<String> compact) {
        int n = slots.size();
        long[] stackTotals = new long[n];
        for (Series s : series) {
            for (int d = 0; d < n; d++) {
                stackTotals[d] += s.values().get(d);
            }
        }
        long max = 0;
        for (long total : stackTotals) {
            max = Math.max(max, total);
        }
        long step = niceStep(max);
        long top = Math.max(step, ((max + step - 1) / step) * step);

        double plotWidth = ChartView.WIDTH - LEFT - ChartView.RIGHT;
        double plotHeight = ChartView.HEIGHT - TOP - ChartView.BOTTOM;
        double slot = plotWidth / n;
        double barWidth = Math.max(0.5, slot * 0.72);

        List<ChartView.Bar> bars = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            double base = 0;
            double x = LEFT + d * slot + (slot - barWidth) / 2;
            for (Series s : series) {
                long value = s.values().get(d);
                if (value == 0) {
                    continue;
                }
                double height = value * plotHeight / top;
                double y = TOP + plotHeight - base - height;
                bars.add(new ChartView.Bar(fmt(x), fmt(y), fmt(barWidth), fmt(height), s.cssClass(),
                        slots.get(d).tip() + " · " + s.name() + ": " + exact.apply(value) + " " + unit));
                base += height;
            }
        }

        List<ChartView.Tick> yTicks = new ArrayList<>();
        for (long v = 0; v <= top; v += step) {
            yTicks.add(new ChartView.Tick(fmt(TOP + plotHeight - v * plotHeight / top), compact.apply(v)));
        }
        List<ChartView.Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(n / (double) MAX_X_LABELS));
        for (int d = 0; d < n; d += every) {
            xTicks.add(new ChartView.Tick(fmt(LEFT + d * slot + slot / 2), slots.get(d).tick()));
        }

        List<ChartView.LegendItem> legend = series.stream()
                .map(s -> new ChartView.LegendItem(s.cssClass(), s.name(), exact.apply(s.total())))
                .toList();
        List<String> columns = series.stream().map(Series::name).toList();
        List<ChartView.Row> rows = new ArrayList<>(n);
        for (int d = 0; d < n; d++) {
            List<String> cells = new ArrayList<>(series.size());
            for (Series s : series) {
                cells.add(exact.apply(s.values().get(d)));
            }
            rows.add(new ChartView.Row(slots.get(d).row(), cells, exact.apply(stackTotals[d])));
        }
        return new ChartView(id, title, description(title, unit, xLabel.toLowerCase(Locale.ROOT), slots, max, series, exact), capitalised(unit), xLabel,
                bars, yTicks, xTicks, legend, columns, rows);
    }

    /** The text a screen reader announces for the picture; the table beside it holds every number. */
    private static String description(String title, String unit, String slot, List<Slot> slots, long max,
                                      List<Series> series, LongFunction<String> exact) {
        long total = series.stream().mapToLong(Series::total).sum();
        String range = slots.get(0).row() + " to " + slots.get(slots.size() - 1).row();
        if (total == 0) {
            return title + ", " + range + ": nothing recorded.";
        }
        return title + ", " + range + ": " + exact.apply(total) + " " + unit + " in all, at most "
                + exact.apply(max) + " on one " + slot + ". The table below lists every " + slot + ".";
    }

    /** 1, 2 or 5 times a power of ten, so that at most {@link #MAX_Y_TICKS} gridlines cover {@code max}. */
    static long niceStep(long max) {
        if (max <= MAX_Y_TICKS) {
            return 1;
        }
        double raw = max / (double) MAX_Y_TICKS;
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(raw)));
        for (long factor : new long[] {1, 2, 5, 10}) {
            if (factor * magnitude >= raw) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String capitalised(String unit) {
        return Character.toUpperCase(unit.charAt(0)) + unit.substring(1);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
