package lethe.ui.stats;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

class BarChartTest {

    static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
    static final double PLOT_HEIGHT = ChartView.HEIGHT - ChartView.TOP - ChartView.BOTTOM;

    private static List<LocalDate> days(int n) {
        return FIRST.datesUntil(FIRST.plusDays(n)).toList();
    }

    @Test
    void stacksEachDaysSeriesFromTheAxisUp() {
        ChartView chart = BarChart.of("turns", "Turns per day", "turns", days(2), List.of(
                new Series("claude-code", "s0", List.of(6L, 0L)),
                new Series("opencode", "s1", List.of(4L, 10L))));
        assertThat(chart.bars()).hasSize(3);
        ChartView.Bar bottom = chart.bars().get(0);
        ChartView.Bar top = chart.bars().get(1);
        assertThat(bottom.cssClass()).isEqualTo("s0");
        assertThat(Double.parseDouble(bottom.y()) + Double.parseDouble(bottom.height()))
                .isCloseTo(chart.axisY(), offset(0.1));
        assertThat(Double.parseDouble(top.y()) + Double.parseDouble(top.height()))
                .isCloseTo(Double.parseDouble(bottom.y()), offset(0.1));
        assertThat(Double.parseDouble(chart.bars().get(2).height())).isCloseTo(PLOT_HEIGHT, offset(0.1));
        assertThat(top.tip()).isEqualTo("Sun 1 Mar 2026 · opencode: 4 turns");
    }

    @Test
    void theScaleEndsOnARoundNumberWithAFewGridlines() {
        assertThat(BarChart.niceStep(0)).isEqualTo(1);
        assertThat(BarChart.niceStep(4)).isEqualTo(1);
        assertThat(BarChart.niceStep(7)).isEqualTo(2);
        assertThat(BarChart.niceStep(23)).isEqualTo(5);
        assertThat(BarChart.niceStep(480)).isEqualTo(100);
        assertThat(BarChart.niceStep(5_706_262)).isEqualTo(2_000_000);
        ChartView chart = BarChart.of("t", "T", "tokens", days(1), List.of(new Series("input", "s0", List.of(5_706_262L))));
        assertThat(chart.yTicks()).extracting(ChartView.Tick::label).containsExactly("0", "2M", "4M", "6M");
    }

    @Test
    void labelsAtMostEightDaysAlongTheAxis() {
        ChartView chart = BarChart.of("t", "T", "turns", days(90), List.of(new Series("x", "s0", Collections.nCopies(90, 1L))));
        assertThat(chart.xTicks()).hasSizeLessThanOrEqualTo(BarChart.MAX_X_LABELS);
        assertThat(chart.xTicks().get(0).label()).isEqualTo("1 Mar");
        assertThat(chart.rows()).hasSize(90);
    }

    @Test
    void describesItselfForScreenReadersAndSaysWhenThereIsNothing() {
        ChartView empty = BarChart.of("s", "Sessions per day", "sessions", days(3), List.of());
        assertThat(empty.bars()).isEmpty();
        assertThat(empty.description()).isEqualTo("Sessions per day, 2026-03-01 to 2026-03-03: nothing recorded.");
        ChartView some = BarChart.of("s", "Sessions per day", "sessions", days(2), List.of(new Series("a", "s0", List.of(2L, 3L))));
        assertThat(some.description()).isEqualTo(
                "Sessions per day, 2026-03-01 to 2026-03-02: 5 sessions in all, at most 3 on one day. The table below lists every day.");
        assertThat(some.rows()).extracting(ChartView.Row::label, ChartView.Row::total)
                .containsExactly(tuple("2026-03-01", "2"), tuple("2026-03-02", "3"));
    }
}
