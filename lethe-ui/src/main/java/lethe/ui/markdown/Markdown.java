package lethe.ui.markdown;

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

    public String toHtml(String markdown) {
        return renderer.render(parser.parse(DirectionControls.reveal(markdown == null ? "" : markdown)));
    }
}
