package lethe.ui.transcript;

import lethe.api.Turn;
import lethe.api.Usage;
import lethe.ui.data.ResponsePricing;
import lethe.ui.format.Times;
import lethe.ui.markdown.Markdown;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class TurnPresenterTest {

    static final double NOON = 1_767_268_800; // 2026-01-01T12:00:00Z

    /** A price table that knows two models: sonnet at a cent and a bit per response, mini at a fraction of a cent. */
    private static final ResponsePricing PRICES = (model, usage) -> switch (model == null ? "" : model) {
        case "sonnet" -> OptionalDouble.of(0.0123);
        case "mini" -> OptionalDouble.of(0.000_004);
        default -> OptionalDouble.empty();
    };

    private final TurnPresenter presenter = new TurnPresenter(new Markdown(), new Times(ZoneOffset.UTC, Clock.systemUTC()), PRICES);

    private static Turn turn(long seq, String role, String kind, String toolName, String content) {
        return new Turn("t" + seq, seq, role, NOON + seq, content, null, null, kind, toolName, null, null, null);
    }

    private TurnView one(Turn turn) {
        return presenter.present(List.of(turn)).get(0);
    }

    @Test
    void conversationIsMarkdownAndToolTrafficIsPreformattedText() {
        TurnView said = one(turn(0, "assistant", "text", null, "# Plan\n*do it*"));
        assertThat(said.body()).contains("<h3>Plan</h3>", "<em>do it</em>");

        TurnView output = one(turn(1, "tool", "tool_result", "Bash", "# not a heading\n*not emphasis*"));
        assertThat(Jsoup.parseBodyFragment(output.body()).selectFirst("pre.output").wholeText())
                .isEqualTo("# not a heading\n*not emphasis*");
        assertThat(output.label()).isEqualTo("Tool");
        assertThat(output.detail()).isEqualTo("Bash output");

        assertThat(one(turn(2, "assistant", "tool_use", "Read", "{}")).detail()).isEqualTo("calls Read");
        assertThat(one(turn(3, "assistant", "thinking", null, "hmm")).detail()).isEqualTo("thinking");
        assertThat(one(turn(4, "tool", null, null, "out")).body()).as("a tool turn without kind is output").contains("<pre class=\"output\">");
    }

    @Test
    void shortToolOutputStaysOpenAndLongOutputFolds() {
        assertThat(one(turn(0, "tool", "tool_result", null, "ok\n".repeat(Folding.SECONDARY_LINES))).body()).doesNotContain("<details");

        String log = "line\n".repeat(Folding.SECONDARY_LINES + 1);
        Element folded = Jsoup.parseBodyFragment(one(turn(1, "tool", "tool_result", null, log)).body()).selectFirst("details.fold");
        assertThat(folded.selectFirst("pre.output").wholeText()).isEqualTo(log);
        assertThat(folded.selectFirst("summary").text()).isEqualTo("line · 13 lines · 65 B");
    }

    @Test
    void conversationFoldsOnlyWhenVeryLong() {
        assertThat(one(turn(0, "user", null, null, "para\n\n".repeat(60))).folded()).isFalse();
        TurnView huge = one(turn(1, "user", null, null, "x".repeat(Folding.LONG_CHARS + 1)));
        assertThat(huge.folded()).isTrue();
        assertThat(huge.summary()).endsWith("… · 12 kB");
    }

    @Test
    void aFoldedToolCallIsLabelledByWhatItDoes() {
        String other = "{\n  \"description\" : \"Query the db\",\n  \"env\" : \"" + "y".repeat(2000) + "\"\n}";
        assertThat(one(turn(0, "assistant", "tool_use", "mcp__db", other)).summary()).startsWith("Query the db · ");
        assertThat(one(turn(2, "assistant", "tool_use", "X", "not json\n".repeat(20))).summary()).startsWith("not json · ");
    }

    @Test
    void anUnknownToolCallsJsonInputIsShownFieldByFieldWithRealLineBreaks() {
        Document call = Jsoup.parseBodyFragment(one(turn(0, "assistant", "tool_use", "Frobnicate",
                "{\"file_path\": \"src/a.ts\", \"new_string\": \"line 1\\nline 2\", \"replace_all\": false, \"opts\": {\"a\": 1}}")).body());
        assertThat(call.select("dl.call dt")).extracting(Element::text).containsExactly("file_path", "new_string", "replace_all", "opts");
        assertThat(call.select("dl.call dd pre")).extracting(Element::wholeText).containsExactly(
                "src/a.ts", "line 1\nline 2", "false", "{\n  \"a\" : 1\n}");
        assertThat(one(turn(1, "assistant", "tool_use", "X", "[1, 2]")).body()).as("not an object: shown as sent").contains("[1, 2]");
        assertThat(one(turn(2, "assistant", "tool_use", "X", "{broken")).body()).contains("{broken");
    }

    @Test
    void anchorsFollowPositionSoARepeatedSeqCannotCollide() {
        List<TurnView> views = presenter.present(List.of(
                turn(0, "user", null, null, "a"), turn(5, "assistant", null, null, "b"), turn(5, "assistant", null, null, "c")));
        assertThat(views).extracting(TurnView::anchor).containsExactly("turn-1", "turn-2", "turn-3");
    }

    @Test
    void aDayHeadingStartsEachNewDay() {
        Turn first = turn(0, "user", null, null, "a");
        Turn sameDay = new Turn("t1", 1, "assistant", NOON + 3600, "b", null, null, null, null, null, null, null);
        Turn nextDay = new Turn("t2", 2, "user", NOON + 86_400, "c", null, null, null, null, null, null, null);
        assertThat(presenter.present(List.of(first, sameDay, nextDay))).extracting(TurnView::newDay)
                .containsExactly("Thursday 1 January 2026", null, "Friday 2 January 2026");
    }

    @Test
    void userPromptsAreListedByTheirOpeningWords() {
        assertThat(one(turn(0, "user", "text", null, "  Fix the\n\nflaky   test  ")).prompt()).isEqualTo("Fix the flaky test");
        assertThat(one(turn(1, "user", null, null, "w".repeat(200))).prompt()).hasSize(TurnPresenter.PROMPT_PREVIEW).endsWith("…");
        assertThat(one(turn(2, "assistant", null, null, "answer")).prompt()).isNull();
        assertThat(one(turn(3, "user", null, null, "   ")).prompt()).isNull();
    }

    @Test
    void tokensAreSummedWithTheBreakdownAndTheResponsesCostAsTooltip() {
        TurnView view = one(usage("sonnet", new Usage(12L, 340L, 45_012L, null)));
        assertThat(view.tokens()).isEqualTo("45k tokens");
        assertThat(view.usageTip()).isEqualTo("input 12 · output 340 · cache read 45\u202f012 · $0.0123");
        assertThat(view.model()).isEqualTo("sonnet");
    }

    @Test
    void aResponseWithoutAPriceIsNotPricedAndATinyOneIsNotShownAsFree() {
        assertThat(one(usage("some-new-model", new Usage(10L, 5L, null, null))).usageTip()).isEqualTo("input 10 · output 5 · not priced");
        assertThat(one(usage(null, new Usage(10L, 5L, null, null))).usageTip()).endsWith(" · not priced");
        assertThat(one(usage("mini", new Usage(10L, 5L, null, null))).usageTip()).isEqualTo("input 10 · output 5 · under $0.0001");
        assertThat(one(usage("sonnet", null)).usageTip()).as("no tokens, nothing to price").isNull();
    }

    private static Turn usage(String model, Usage usage) {
        return new Turn("t", 0, "assistant", NOON, "x", model, usage, null, null, null, null, null);
    }
}
