package lethe.ui.markdown;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.Set;

/**
 * Headings inside a turn sit below the page's own outline (h1 = the session, h2 = a turn), so a
 * transcript's {@code # Title} becomes an h3 and screen-reader heading navigation stays meaningful.
 */
final class HeadingRenderer implements NodeRenderer {

    static final int SHIFT = 2;

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    HeadingRenderer(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(Heading.class);
    }

    @Override
    public void render(Node node) {
        String tag = "h" + Math.min(6, ((Heading) node).getLevel() + SHIFT);
        html.line();
        html.tag(tag);
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            context.render(child);
            child = next;
        }
        html.tag("/" + tag);
        html.line();
    }
}
