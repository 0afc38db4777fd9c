package lethe.stats;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetSpanTest {

    @Test
    void aRangeWithoutClockChangeIsOneSpanFromLocalMidnightToLocalMidnight() {
        List<OffsetSpan> spans = OffsetSpan.covering(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 12), ZoneId.of("Europe/Berlin"));
        assertThat(spans).containsExactly(new OffsetSpan(
                Instant.parse("2026-01-09T23:00:00Z"), Instant.parse("2026-01-12T23:00:00Z"), 3600));
    }

    @Test
    void theSpringClockChangeSplitsTheRangeWhereTheOffsetChanges() {
        List<OffsetSpan> spans = OffsetSpan.covering(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 30), ZoneId.of("Europe/Berlin"));
        assertThat(spans).containsExactly(
                new OffsetSpan(Instant.parse("2026-03-27T23:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"), 3600),
                new OffsetSpan(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T22:00:00Z"), 7200));
    }

    @Test
    void utcNeverSplits() {
        assertThat(OffsetSpan.covering(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), ZoneOffset.UTC)).hasSize(1);
    }
}
