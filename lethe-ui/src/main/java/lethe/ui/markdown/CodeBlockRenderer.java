package lethe.ui.markdown;

import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fenced code block as a figure captioned with its language ({@code ```java} → "java"), the code
 * carrying the conventional {@code language-*} class. The info string is untrusted: it is shown as text
 * and becomes a class only when it looks like a language name.
 */
final class CodeBlockRenderer implements NodeRenderer {

    private static final Pattern LANGUAGE_CLASS = Pattern.compile("[A-Za-z0-9_+#.-]{1,40}");

    private final HtmlWriter html;

    CodeBlockRenderer(HtmlNodeRendererContext context) {
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
        FencedCodeBlock block = (FencedCodeBlock) node;
        String language = language(block.getInfo());
        html.line();
        html.tag("figure", Map.of("class", "code"));
        if (!language.isEmpty()) {
            html.tag("figcaption");
            html.text(language);
            html.tag("/figcaption");
        }
        html.tag("pre");
        Map<String, String> codeAttrs = new LinkedHashMap<>();
        if (LANGUAGE_CLASS.matcher(language).matches()) {
            codeAttrs.put("class", "language-" + language);
        }
        html.tag("code", codeAttrs);
        html.text(block.getLiteral());
        html.tag("/code");
        html.tag("/pre");
        html.tag("/figure");
        html.line();
    }

    static String language(String info) {
        if (info == null) {
            return "";
        }
        String trimmed = info.strip();
        int space = trimmed.indexOf(' ');
        String first = space < 0 ? trimmed : trimmed.substring(0, space);
        return first.length() > 40 ? first.substring(0, 40) : first;
    }
}
