package lethe.ui.markdown;

import lethe.ui.web.Escape;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

/**
 * Renders untrusted transcript text as CommonMark (with GFM tables) into HTML that is safe to embed:
 * raw HTML comes out as visible text, only http, https and mailto links survive, images are never
 * loaded (they become links), and invisible text-direction controls are made visible.
 * Thread-safe: one instance serves every request.
 */
public final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new WebLinks())
            .percentEncodeUrls(true)
            // Ours come first: the first factory that claims a node type renders it.
            .nodeRendererFactory(SafeLinkRenderer::new)
            .nodeRendererFactory(CodeBlockRenderer::new)
            .nodeRendererFactory(HeadingRenderer::new)
            .build();

    /** Containers (quotes, list items) nested deeper than this are no prose anyone wrote: shown as text. */
    static final int MAX_NESTING = 32;
    /** Text longer than this is shown as text: parsing and rendering it would cost a view seconds of CPU. */
    static final int MAX_MARKDOWN_CHARS = 512 * 1024;
    /** More link brackets than this in one turn are shown as text (see {@link #brackets}). */
    static final int MAX_BRACKETS = 2_000;

    /**
     * The text as HTML; text nested past {@link #MAX_NESTING} or longer than {@link #MAX_MARKDOWN_CHARS}
     * is shown as preformatted text instead, so no turn can overflow the renderer's stack or hog the CPU.
     */
    public String toHtml(String markdown) {
        String text = DirectionControls.reveal(markdown == null ? "" : markdown);
        if (text.length() > MAX_MARKDOWN_CHARS || deepestNesting(text) > MAX_NESTING || brackets(text) > MAX_BRACKETS) {
            return asText(text);
        }
        try {
            return renderer.render(parser.parse(text));
        } catch (StackOverflowError tooDeep) {
            // Inline constructs nest too (links in emphasis in links...): never a 500 for a transcript.
            return asText(text);
        }
    }

    /** Link brackets cost the parser time quadratic in their number: 50 000 took a minute. */
    static int brackets(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '[') {
                count++;
            }
        }
        return count;
    }

    static String asText(String text) {
        return "<pre class=\"as-text\">" + Escape.html(text) + "</pre>";
    }

    /**
     * An upper estimate of how deep any line's block containers go: each {@code >} and each list marker at
     * the start of a line opens one, and on such a line every two columns of indentation may belong to an
     * enclosing list.
     */
    static int deepestNesting(String text) {
        int deepest = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            int depth = 0;
            int columns = 0;
            boolean inPrefix = true;
            while (i < length && text.charAt(i) != '\n') {
                char c = text.charAt(i);
                if (inPrefix) {
                    if (c == ' ') {
                        columns++;
                    } else if (c == '\t') {
                        columns += 4;
                    } else if (c == '>' || ((c == '-' || c == '*' || c == '+') && followedBySpace(text, i))) {
                        depth++;
                    } else if (Character.isDigit(c) || c == '.' || c == ')') {
                        depth += c == '.' || c == ')' ? 1 : 0;
                    } else {
                        inPrefix = false;
                    }
                }
                i++;
            }
            // Indentation alone is code, not nesting: it counts only on a line that opens a container.
            deepest = Math.max(deepest, depth == 0 ? 0 : depth + columns / 2);
            i++;
        }
        return deepest;
    }

    private static boolean followedBySpace(String text, int i) {
        return i + 1 >= text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t' || text.charAt(i + 1) == '\n';
    }
}
