package lethe.ui.stats;

import java.util.List;

/** One stacked layer of a chart: a value per day, with the CSS class that colours it. */
public record Series(String name, String cssClass, List<Long> values) {

    public Series {
        values = List.copyOf(values);
    }

    public long total() {
        return values.stream().mapToLong(Long::longValue).sum();
    }
}
