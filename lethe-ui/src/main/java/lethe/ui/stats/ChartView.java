package lethe.ui.stats;

import java.util.List;

/**
 * A stacked bar chart laid out for the template to draw as inline SVG (coordinates are viewBox units,
 * already formatted), plus the same numbers as a table.
 */
public record ChartView(String id, String title, String description, String yLabel, String xLabel,
                        List<Bar> bars, List<Tick> yTicks, List<Tick> xTicks, List<LegendItem> legend,
                        List<String> columns, List<Row> rows) {

    /** The viewBox; chart.html repeats it literally, as its {@code viewBox} attribute is case-sensitive. */
    public static final int WIDTH = 960;
    public static final int HEIGHT = 300;
    static final int LEFT = 64;
    static final int RIGHT = 12;
    static final int TOP = 14;
    static final int BOTTOM = 46;

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return WIDTH - RIGHT;
    }

    /** Where the x axis runs: the bottom of the plot area. */
    public int axisY() {
        return HEIGHT - BOTTOM;
    }

    public int xTickY() {
        return axisY() + 16;
    }

    public int xLabelY() {
        return HEIGHT - 6;
    }

    public int xLabelX() {
        return (LEFT + WIDTH - RIGHT) / 2;
    }

    /** The y axis title is rotated by -90°, so its x is minus the vertical middle of the plot. */
    public int yLabelX() {
        return -(TOP + (HEIGHT - TOP - BOTTOM) / 2);
    }

    public int yTickX() {
        return LEFT - 6;
    }

    /** One segment of one day's stack; {@code tip} is its SVG {@code <title>}. */
    public record Bar(String x, String y, String width, String height, String cssClass, String tip) {
    }

    /** A labelled position along an axis. */
    public record Tick(String position, String label) {
    }

    public record LegendItem(String cssClass, String label, String total) {
    }

    /** A day of the table: its label, one cell per series, and the day's total. */
    public record Row(String label, List<String> cells, String total) {
    }
}
