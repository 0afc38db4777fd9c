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

    private static TurnView body(String html, boolean folded) {
        return new TurnView("turn-2", 2, "tool", null, "Tool", "Bash output", TIME, null, null, null, null,
                html, folded, folded ? "summary" : null, null, false);
    }

    @Test
    void writesEachTurnAsALabelledArticleWithItsAnchorAndTime() {
        TurnView turn = new TurnView("turn-7", 7, "assistant", "turn-thinking", "Assistant", "thinking", TIME,
                "Thursday 1 January 2026", "sonnet", "1.2k tokens", "input 1 200", "<div class=\"md\"><p>hi</p></div>",
                false, null, null, false);
        Document html = render(turn);
        assertThat(html.selectFirst(".day-divider").text()).isEqualTo("Thursday 1 January 2026");
        Element article = html.selectFirst("article");
        assertThat(article.id()).isEqualTo("turn-7");
        assertThat(article.className()).isEqualTo("turn turn-assistant turn-thinking");
        assertThat(article.attr("aria-labelledby")).isEqualTo("turn-7-h");
        assertThat(html.getElementById("turn-7-h").text()).isEqualTo("Assistant · thinking");
        assertThat(article.selectFirst(".turn-model").text()).isEqualTo("sonnet");
        assertThat(article.selectFirst(".turn-tokens").attr("title")).isEqualTo("input 1 200");
        Element link = article.selectFirst("a.turn-link");
        assertThat(link.attr("href")).isEqualTo("#turn-7");
        assertThat(link.selectFirst(".turn-seq").text()).isEqualTo("#7");
        assertThat(link.selectFirst("time").attr("datetime")).isEqualTo("2026-01-01T12:00:05Z");
        assertThat(article.selectFirst(".md p").text()).isEqualTo("hi");
    }

    @Test
    void escapesEveryValueItWritesAroundTheBody() {
        TurnView turn = new TurnView(HOSTILE, 1, HOSTILE, HOSTILE, HOSTILE, HOSTILE, new TimeText(HOSTILE, HOSTILE, HOSTILE),
                HOSTILE, HOSTILE, HOSTILE, HOSTILE, "<p>safe</p>", true, HOSTILE, null, false);
        Document html = render(turn);
        assertThat(html.select("script")).isEmpty();
        assertThat(html.selectFirst("article").attributes().size()).isEqualTo(3);
        assertThat(html.selectFirst(".turn-tokens").attr("title")).isEqualTo(HOSTILE);
        assertThat(html.selectFirst("summary").text()).isEqualTo(HOSTILE);
    }

    @Test
    void aFoldedTurnSitsWholeInAClosedDetails() {
        Element details = render(body("<pre class=\"output\">\nx</pre>", true)).selectFirst(".turn-body > details.fold");
        assertThat(details.hasAttr("open")).isFalse();
        assertThat(details.selectFirst("summary").text()).isEqualTo("summary");
        assertThat(details.selectFirst("pre.output").wholeText()).isEqualTo("x");
    }

    @Test
    void theTurnASearchLeadsToIsMarkedForTheFragment() {
        TurnView hit = new TurnView("turn-2", 2, "user", null, "User", null, TIME, null, null, null, null, "<p>x</p>",
                false, null, null, true);
        Element article = render(hit).selectFirst("article");
        assertThat(article.hasClass("turn-hit")).isTrue();
        assertThat(article.selectFirst("#hit")).isNotNull();
    }

    @Test
    void anEmptyTurnSaysSo() {
        assertThat(render(body("", false)).selectFirst(".turn-body").text()).isEqualTo("(empty)");
    }
}
