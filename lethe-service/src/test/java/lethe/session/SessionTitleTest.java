package lethe.session;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTitleTest {

    @Test
    void aCollectorsTitleWins() {
        assertThat(SessionService.title(Map.of("title", "Fix the build"), "hello")).isEqualTo("Fix the build");
    }

    @Test
    void aCollectorsTitleIsKeptAsGivenTagsIncluded() {
        assertThat(SessionService.title(Map.of("title", "<b>bold</b> plan"), "x")).isEqualTo("<b>bold</b> plan");
    }

    @Test
    void otherwiseTheFirstUserTurnOnOneLineWithoutTags() {
        String command = "<command-message>init is analyzing…</command-message>\n<command-name>/init</command-name>";

        assertThat(SessionService.title(Map.of(), command)).isEqualTo("init is analyzing… /init");
        assertThat(SessionService.title(Map.of(), "a < b and c > d")).isEqualTo("a < b and c > d");
    }

    @Test
    void everyRunOfAsciiWhitespaceBecomesOneSpaceAndTheEndsAreStripped() {
        assertThat(SessionService.title(Map.of(), "\u2003 fix\t\t the\r\n\u000B\fbuild \u00a0 now \n"))
                .isEqualTo("fix the build \u00a0 now");
    }

    @Test
    void longTextIsCutAtTheTitleLengthWithAnEllipsis() {
        String title = SessionService.title(Map.of(), "word ".repeat(100));

        assertThat(title).hasSize(SessionService.TITLE_LENGTH + 1).endsWith("…");
    }

    @Test
    void blankTextHasNoTitle() {
        assertThat(SessionService.title(Map.of("title", " "), "  \n ")).isNull();
        assertThat(SessionService.title(Map.of(), null)).isNull();
    }
}
