package lethe.ui.transcript;

import lethe.ui.format.TimeText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TurnsHtmlTest {

    static final String HOSTILE = "\"'><script>alert(1)</script>";
    static final TimeText TIME = new TimeText("12:00:05", "2026-01-01 12:00:05 UTC+00:00", "2026-01-01T12:00:05Z");

    private static Document render(TurnView... turns) {
        return Jsoup.parseBodyFragment(TurnsHtml.of(List.of(turns)));
    }

    private static TurnView plain(String text, boolean folded) {
        return new TurnView("turn-2", 2, "tool", "Tool", "Bash output", TIME, null, null, null, null,
                text, null, null, folded, folded ? "summary" : null, null);
    }

    @Test
    void writesEachTurnAsALabelledArticleWithItsAnchorAndTime() {
        TurnView turn = new TurnView("turn-7", 7, "assistant", "Assistant", "thinking", TIME, "Thursday 1 January 2026",
                "sonnet", "1.2k tokens", "input 1 200", null, "<p>hi</p>", null, false, null, null);
        Document html = render(turn);
        assertThat(html.selectFirst(".day-divider").text()).isEqualTo("Thursday 1 January 2026");
        Element article = html.selectFirst("article");
        assertThat(article.id()).isEqualTo("turn-7");
        assertThat(article.className()).isEqualTo("turn turn-assistant");
        assertThat(article.attr("aria-labelledby")).isEqualTo("turn-7-h");
        assertThat(html.getElementById("turn-7-h").text()).isEqualTo("Assistant · thinking");
        assertThat(article.selectFirst(".turn-model").text()).isEqualTo("sonnet");
        assertThat(article.selectFirst(".turn-tokens").attr("title")).isEqualTo("input 1 200");
        Element link = article.selectFirst("a.turn-link");
        assertThat(link.attr("href")).isEqualTo("#turn-7");
        assertThat(link.selectFirst("time").attr("datetime")).isEqualTo("2026-01-01T12:00:05Z");
        assertThat(article.selectFirst(".md p").text()).isEqualTo("hi");
    }

    @Test
    void escapesEveryValueItWrites() {
        TurnView turn = new TurnView("turn-1", 1, "user", HOSTILE, HOSTILE, new TimeText(HOSTILE, HOSTILE, HOSTILE),
                HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, null, null, true, HOSTILE, null);
        Document html = render(turn);
        assertThat(html.select("script")).isEmpty();
        assertThat(html.selectFirst("article").attributes().size()).isEqualTo(3);
        assertThat(html.selectFirst(".turn-tokens").attr("title")).isEqualTo(HOSTILE);
        assertThat(html.selectFirst("summary").text()).isEqualTo(HOSTILE);
        assertThat(html.selectFirst("pre.output").wholeText()).isEqualTo(HOSTILE);
    }

    @Test
    void preformattedTextKeepsItsLeadingNewlineAndEveryLine() {
        String text = "\n  indented\n\ttabbed\n";
        assertThat(render(plain(text, false)).selectFirst("pre.output").wholeText()).isEqualTo(text);
    }

    @Test
    void aFoldedTurnSitsWholeInAClosedDetails() {
        String text = "line\n".repeat(500);
        Element details = render(plain(text, true)).selectFirst(".turn-body > details.fold");
        assertThat(details.hasAttr("open")).isFalse();
        assertThat(details.selectFirst("summary").text()).isEqualTo("summary");
        assertThat(details.selectFirst("pre.output").wholeText()).isEqualTo(text);
    }

    @Test
    void aToolCallShowsItsInputFieldByField() {
        TurnView call = new TurnView("turn-3", 3, "assistant", "Assistant", "calls Bash", TIME, null, null, null, null,
                null, null, List.of(new ToolCall.Field("command", "cat <<'EOF'\n<b>x</b>\nEOF"), new ToolCall.Field(HOSTILE, "1")),
                false, null, null);
        Document html = render(call);
        assertThat(html.select("dl.call dt")).extracting(Element::text).containsExactly("command", HOSTILE);
        assertThat(html.selectFirst("dl.call dd pre.output").wholeText()).isEqualTo("cat <<'EOF'\n<b>x</b>\nEOF");
        assertThat(html.select("script, b")).isEmpty();
    }

    @Test
    void anEmptyTurnSaysSo() {
        assertThat(render(plain("", false)).selectFirst(".turn-body").text()).isEqualTo("(empty)");
    }
}
