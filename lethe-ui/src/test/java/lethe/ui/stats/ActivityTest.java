package lethe.ui.stats;

import lethe.api.Usage;
import lethe.ui.data.SessionDay;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ActivityTest {

    static final LocalDate MON = LocalDate.of(2026, 3, 2);
    static final LocalDate TUE = MON.plusDays(1);
    static final LocalDate WED = MON.plusDays(2);

    private static SessionDay day(LocalDate day, long session, String tool, String model, long turns, Usage tokens) {
        return new SessionDay(day, session, tool, "laptop", model, turns, tokens, null);
    }

    @Test
    void everyDayOfTheRangeIsPresentIdleOnesAsZero() {
        Activity activity = Activity.of(List.of(day(TUE, 1, "claude-code", null, 4, null)), MON, WED, Split.TOOL);
        assertThat(activity.days()).containsExactly(MON, TUE, WED);
        assertThat(activity.turns()).singleElement().satisfies(s -> assertThat(s.values()).containsExactly(0L, 4L, 0L));
        assertThat(activity.tokens()).as("no usage, no token series").isEmpty();
    }

    @Test
    void aSessionActiveOnTwoDaysCountsOnEachDayButOnceInTheTotal() {
        Activity activity = Activity.of(List.of(
                day(MON, 1, "claude-code", "sonnet", 3, null),
                day(TUE, 1, "claude-code", "sonnet", 2, null),
                day(TUE, 2, "opencode", "gpt", 1, null)), MON, WED, Split.TOOL);
        assertThat(activity.sessions()).extracting(Series::name, Series::values).containsExactly(
                tuple("claude-code", List.of(1L, 1L, 0L)),
                tuple("opencode", List.of(0L, 1L, 0L)));
        assertThat(activity.totalSessions()).isEqualTo(2);
        assertThat(activity.totalTurns()).isEqualTo(6);
        assertThat(activity.activeDays()).isEqualTo(2);
        assertThat(activity.breakdown()).extracting(Activity.Breakdown::name, Activity.Breakdown::sessions)
                .containsExactly(tuple("claude-code", 1L), tuple("opencode", 1L));
    }

    @Test
    void aValueKeepsItsColourFromChartToChart() {
        // opencode has more sessions, claude-code more turns: both charts still order (and colour) by turns.
        Activity activity = Activity.of(List.of(
                day(MON, 1, "claude-code", null, 50, null),
                day(MON, 2, "opencode", null, 1, null),
                day(MON, 3, "opencode", null, 1, null)), MON, MON, Split.TOOL);
        assertThat(activity.sessions()).extracting(Series::name, Series::cssClass)
                .containsExactlyElementsOf(activity.turns().stream().map(s -> tuple(s.name(), s.cssClass())).toList());
        assertThat(activity.turns().get(0).name()).isEqualTo("claude-code");
    }

    @Test
    void beyondSevenValuesTheSmallestShareOneOtherLayer() {
        List<SessionDay> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(day(MON, i, "tool-" + i, null, 100 - i, null));
        }
        List<Series> series = Activity.of(rows, MON, MON, Split.TOOL).turns();
        assertThat(series).hasSize(Activity.MAX_SERIES);
        assertThat(series.get(6).name()).isEqualTo("other (4)");
        assertThat(series.get(6).cssClass()).isEqualTo("s-other");
        assertThat(series.get(6).total()).isEqualTo(94 + 93 + 92 + 91);
    }

    @Test
    void splitsByModelWithASessionDayWithoutOneNamedAsSuch() {
        Activity activity = Activity.of(List.of(
                day(MON, 1, "claude-code", "sonnet", 3, null),
                day(MON, 2, "claude-code", null, 1, null)), MON, MON, Split.MODEL);
        assertThat(activity.turns()).extracting(Series::name).containsExactly("sonnet", "no model named");
    }

    @Test
    void tokensPerDayByKind() {
        Activity activity = Activity.of(List.of(
                day(MON, 1, "claude-code", null, 1, new Usage(10L, 20L, 300L, null)),
                day(TUE, 1, "claude-code", null, 1, new Usage(1L, null, null, 5L))), MON, TUE, Split.TOOL);
        assertThat(activity.tokens()).extracting(Series::name, Series::values).containsExactly(
                tuple("input", List.of(10L, 1L)),
                tuple("output", List.of(20L, 0L)),
                tuple("cache write", List.of(0L, 5L)),
                tuple("cache read", List.of(300L, 0L)));
        assertThat(activity.totalTokens()).isEqualTo(336);
    }
}
