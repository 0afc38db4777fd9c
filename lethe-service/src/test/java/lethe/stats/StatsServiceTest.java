package lethe.stats;

import lethe.api.Usage;
import lethe.ui.data.SessionDay;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StatsServiceTest {

    private static ActivityRow row(String day, long session, String model, long turns, Long input) {
        return new ActivityRow(day, session, "claude-code", "laptop", model, turns, input, null, null, null, "/src/p");
    }

    @Test
    void aSessionDayIsAttributedToTheModelThatAnsweredMostAndCountsAllItsTurns() {
        List<SessionDay> days = StatsService.fold(List.of(
                row("2026-03-02", 1, null, 4, null),
                row("2026-03-02", 1, "opus", 1, 10L),
                row("2026-03-02", 1, "sonnet", 3, 5L)));
        assertThat(days).containsExactly(new SessionDay(LocalDate.of(2026, 3, 2), 1, "claude-code", "laptop", "sonnet", 8,
                new Usage(15L, null, null, null), "/src/p"));
    }

    @Test
    void rowsOfTheSameDayFromTwoOffsetSpansMerge() {
        List<SessionDay> days = StatsService.fold(List.of(
                row("2026-03-29", 7, "sonnet", 2, null),
                row("2026-03-30", 7, "sonnet", 1, null),
                row("2026-03-29", 7, "sonnet", 5, null)));
        assertThat(days).extracting(SessionDay::day, SessionDay::turns).containsExactly(
                tuple(LocalDate.of(2026, 3, 29), 7L),
                tuple(LocalDate.of(2026, 3, 30), 1L));
    }

    @Test
    void aDayWithoutAnyModelNamedStaysWithout() {
        assertThat(StatsService.fold(List.of(row("2026-03-02", 1, null, 2, null))).get(0).model()).isNull();
    }
}
