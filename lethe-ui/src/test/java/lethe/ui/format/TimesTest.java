package lethe.ui.format;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Wednesday 2026-03-04 15:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-03-04T14:00:00Z");

    private final Times times = new Times(BERLIN, Clock.fixed(NOW, BERLIN));

    private static double at(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @Test
    void recentTimesReadRelativeToTodayInTheUisZone() {
        assertThat(times.relative(at("2026-03-04T08:05:00Z")).text()).isEqualTo("today 09:05");
        assertThat(times.relative(at("2026-03-03T23:30:00Z")).text()).as("still Tuesday in UTC, Wednesday in Berlin")
                .isEqualTo("today 00:30");
        assertThat(times.relative(at("2026-03-03T10:00:00Z")).text()).isEqualTo("yesterday 11:00");
        assertThat(times.relative(at("2026-02-27T10:00:00Z")).text()).isEqualTo("Fri 11:00");
        assertThat(times.relative(at("2026-01-15T10:00:00Z")).text()).isEqualTo("15 Jan 11:00");
        assertThat(times.relative(at("2025-12-24T10:00:00Z")).text()).isEqualTo("24 Dec 2025 11:00");
        assertThat(times.relative(null)).isNull();
    }

    @Test
    void theExactTimeGoesInTheTooltipWithItsOffset() {
        TimeText text = times.relative(at("2026-07-01T10:00:00Z"));
        assertThat(text.exact()).isEqualTo("2026-07-01 12:00:00 UTC+02:00");
        assertThat(text.iso()).isEqualTo("2026-07-01T12:00+02:00");
    }

    @Test
    void durations() {
        assertThat(Times.duration(0.0, 45.0)).isEqualTo("45 s");
        assertThat(Times.duration(0.0, 720.0)).isEqualTo("12 min");
        assertThat(Times.duration(0.0, 3 * 3600 + 300.0)).isEqualTo("3 h 5 min");
        assertThat(Times.duration(0.0, 5 * 86400.0)).isEqualTo("5 days");
        assertThat(Times.duration(null, 5.0)).isNull();
    }
}
