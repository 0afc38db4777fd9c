package lethe.session;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

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
    void aTitleReadsOnlyTheStartOfALongMessageAndEndsAsIfItHadReadItAll() {
        Random random = new Random(21);
        char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\r', '\u000B', '\f', '\u2003', '\u00a0', '\u3000', '\u001F', '語'};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(300); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String whole = text.toString().replaceAll("[ \\t\\n\\x0B\\f\\r]+", " ").strip();
            int limit = random.nextInt(150);

            String read = SessionService.oneLine(text.toString(), limit);

            if (whole.length() <= limit) {
                assertThat(read).isEqualTo(whole);
            } else {
                assertThat(whole).startsWith(read);
                assertThat(read.length()).isGreaterThan(limit);
            }
        }
    }

    @Test
    void blankTextHasNoTitle() {
        assertThat(SessionService.title(Map.of("title", " "), "  \n ")).isNull();
        assertThat(SessionService.title(Map.of(), null)).isNull();
    }
}
