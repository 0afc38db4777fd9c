package lethe.ui.markdown;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {

    private final Markdown markdown = new Markdown();

    private Document render(String source) {
        return Jsoup.parseBodyFragment(markdown.toHtml(source));
    }

    @Test
    void rendersCommonMarkWithTablesAndFencedCode() {
        Document html = render("""
                Some **bold** and `code`.

                - one
                - two

                | a | b |
                |---|---|
                | 1 | 2 |

                ```python
                print("hi")
                ```
                """);
        assertThat(html.select("strong").text()).isEqualTo("bold");
        assertThat(html.select("li")).hasSize(2);
        assertThat(html.select("table td")).extracting(Element::text).containsExactly("1", "2");
        Element code = html.selectFirst("figure.code");
        assertThat(code.selectFirst("figcaption").text()).isEqualTo("python");
        assertThat(code.selectFirst("pre > code.language-python").wholeText()).isEqualTo("print(\"hi\")\n");
    }

    @Test
    void aFenceWithoutALanguageHasNoCaption() {
        Document html = render("```\nplain\n```");
        assertThat(html.selectFirst("figure.code figcaption")).isNull();
        assertThat(html.selectFirst("figure.code code").className()).isEmpty();
    }

    @Test
    void aHostileFenceInfoStringIsShownButNeverBecomesMarkup() {
        Document html = render("```\"><script>alert(1)</script> x\ncode\n```");
        assertThat(html.select("script")).isEmpty();
        assertThat(html.selectFirst("figcaption").text()).isEqualTo("\"><script>alert(1)</script>");
        assertThat(html.selectFirst("figure.code code").className()).as("not a language name, so no class").isEmpty();
    }

    @Test
    void rawHtmlIsShownAsText() {
        String source = "<script>alert(1)</script>\n\ninline <img src=x onerror=alert(2)> and <b>bold</b>";
        Document html = render(source);
        assertThat(html.select("script, img, b")).isEmpty();
        assertThat(html.text()).contains("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<b>bold</b>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java%73cript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](/api/v1/sessions)",
        "[x](//evil.example/)",
        "[x](relative/path)",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: javascript:alert(1)"})
    void linksOtherThanHttpHttpsAndMailtoLoseTheirTarget(String source) {
        Document html = render(source);
        assertThat(html.select("a")).isEmpty();
        assertThat(html.selectFirst("span.link-removed").text()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a?b=c", "http://example.com", "mailto:someone@example.com", "HTTPS://EXAMPLE.COM"})
    void webAndMailLinksStayAndLeakNoReferrer(String url) {
        Element link = render("[x](" + url + ")").selectFirst("a");
        assertThat(link.attr("href")).isEqualTo(url);
        assertThat(link.attr("rel")).isEqualTo("nofollow noopener noreferrer");
    }

    @Test
    void aLinkTitleCannotBreakOutOfItsAttribute() {
        Element link = render("[x](https://example.com \"t\\\" onmouseover=\\\"alert(1)\")").selectFirst("a");
        assertThat(link.attributes().size()).isEqualTo(3);
        assertThat(link.attr("title")).isEqualTo("t\" onmouseover=\"alert(1)");
    }

    @Test
    void imagesAreNeverLoadedButOfferedAsALink() {
        Document html = render("![diagram of the flow](https://example.com/flow.png) ![bad](javascript:alert(1))");
        assertThat(html.select("img")).isEmpty();
        Element link = html.selectFirst("a.image-link");
        assertThat(link.attr("href")).isEqualTo("https://example.com/flow.png");
        assertThat(link.text()).isEqualTo("Image: diagram of the flow");
        assertThat(html.selectFirst("span.link-removed").text()).isEqualTo("Image: bad");
    }

    @Test
    void headingsAreNestedBelowTheTurnsOwnHeading() {
        Document html = render("# one\n## two\n##### five");
        assertThat(html.select("h3, h4, h6")).extracting(Element::text).containsExactly("one", "two", "five");
        assertThat(html.select("h1, h2")).isEmpty();
    }

    @Test
    void directionOverridesAreMadeVisible() {
        Document html = render("if (user\u202E \u2066// admin\u2069)\n\n`code\u202Dspan`");
        assertThat(html.text()).contains("user⟦U+202E⟧ ⟦U+2066⟧// admin⟦U+2069⟧", "code⟦U+202D⟧span");
        assertThat(html.text()).doesNotContain("\u202E", "\u2066", "\u2069", "\u202D");
    }

    @Test
    void aFiveMegabyteLineIsRenderedWhole() {
        String line = "word ".repeat(1_048_576);
        String html = markdown.toHtml(line);
        assertThat(Jsoup.parseBodyFragment(html).text()).hasSize(line.length() - 1);
    }

    /** Issue 14, finding 7: inputs that overflowed the renderer's stack are shown as text, quickly. */
    @ParameterizedTest
    @ValueSource(strings = {"quotes", "dashes", "nestedItems", "brackets"})
    void textNestedTooDeepIsShownAsTextInsteadOfOverflowingTheStack(String attack) {
        String source = switch (attack) {
            case "quotes" -> ">".repeat(100_000) + " deep";
            case "dashes" -> "- ".repeat(50_000) + "deep";
            case "nestedItems" -> buildNestedItems(2_000);
            default -> "[".repeat(50_000) + "deep" + "]".repeat(50_000);
        };

        long started = System.nanoTime();
        String html = markdown.toHtml(source);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(html).contains("deep");
        assertThat(millis).as("one turn's rendering").isLessThan(2_000);
    }

    @Test
    void ordinaryNestingAndIndentedCodeStillRenderAsMarkdown() {
        Document html = render("> quoted\n>> twice\n\n- a\n  - b\n    - c\n\n```\n" + " ".repeat(80) + "deep code\n```\n");

        assertThat(html.select("blockquote blockquote")).hasSize(1);
        assertThat(html.select("ul ul ul li").text()).isEqualTo("c");
        assertThat(html.select("pre.as-text")).isEmpty();
    }

    private static String buildNestedItems(int depth) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            items.append("  ".repeat(i)).append("- item ").append(i).append('\n');
        }
        return items.append("deep").toString();
    }
}
