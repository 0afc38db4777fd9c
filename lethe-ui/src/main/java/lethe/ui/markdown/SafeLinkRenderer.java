package lethe.ui.markdown;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Links to allowed addresses become plain {@code <a>} elements that leak no referrer; any other link keeps
 * its text and loses its target. Images are never embedded (that would fetch a third-party URL, a
 * tracking pixel at best): they become a link labelled with their alt text.
 */
final class SafeLinkRenderer implements NodeRenderer {

    static final String REMOVED_TITLE = "Link removed: only http, https and mailto links are kept";

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    SafeLinkRenderer(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(Link.class, Image.class);
    }

    @Override
    public void render(Node node) {
        if (node instanceof Link link) {
            open(node, link.getDestination(), link.getTitle(), null);
            renderChildren(node);
            close(link.getDestination());
        } else if (node instanceof Image image) {
            open(node, image.getDestination(), image.getTitle(), "image-link");
            String alt = altText(image);
            html.text("Image" + (alt.isBlank() ? "" : ": " + alt));
            close(image.getDestination());
        }
    }

    private void open(Node node, String destination, String title, String cssClass) {
        Map<String, String> attrs = new LinkedHashMap<>();
        if (WebLinks.allowed(destination)) {
            attrs.put("href", context.encodeUrl(destination));
            attrs.put("rel", "nofollow noopener noreferrer");
            if (cssClass != null) {
                attrs.put("class", cssClass);
            }
            if (title != null && !title.isEmpty()) {
                attrs.put("title", DirectionControls.reveal(title));
            }
            html.tag("a", context.extendAttributes(node, "a", attrs));
        } else {
            attrs.put("class", "link-removed");
            attrs.put("title", REMOVED_TITLE);
            html.tag("span", attrs);
        }
    }

    private void close(String destination) {
        html.tag(WebLinks.allowed(destination) ? "/a" : "/span");
    }

    private void renderChildren(Node parent) {
        Node child = parent.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            context.render(child);
            child = next;
        }
    }

    private static String altText(Image image) {
        StringBuilder alt = new StringBuilder();
        image.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                alt.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                alt.append(code.getLiteral());
            }
        });
        return alt.toString();
    }
}
