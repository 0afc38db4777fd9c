package lethe.ui.stats;

import lethe.ui.data.SessionDay;

import java.util.Locale;
import java.util.Optional;

/** What the stats page divides its counts by. */
public enum Split {
    TOOL, HOST, MODEL, PROJECT;

    static final String NO_MODEL = "no model named";
    static final String NO_PROJECT = "no project";

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Split> fromParam(String value) {
        for (Split split : values()) {
            if (split.param().equals(value)) {
                return Optional.of(split);
            }
        }
        return Optional.empty();
    }

    String keyOf(SessionDay day) {
        return switch (this) {
            case TOOL -> day.tool();
            case HOST -> day.host();
            case MODEL -> day.model() == null ? NO_MODEL : day.model();
            case PROJECT -> day.project() == null ? NO_PROJECT : day.project();
        };
    }
}
