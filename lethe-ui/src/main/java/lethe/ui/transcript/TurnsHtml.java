package lethe.ui.transcript;

import lethe.ui.web.Escape;

import java.util.List;

/**
 * Writes the list of turns as HTML. Everything else on the transcript page is a Thymeleaf template, but a
 * 2 000-turn session runs some 60 000 template expressions here, which made the page ten times slower
 * than the same session as JSON; a plain writer does the same in a fraction. Every value is escaped
 * except {@link TurnView#html()}, which the markdown renderer already made safe.
 */
public final class TurnsHtml {

    private TurnsHtml() {
    }

    public static String of(List<TurnView> turns) {
        long size = 0;
        for (TurnView turn : turns) {
            size += 700 + (turn.plain() ? turn.text().length() * 11L / 10 : turn.html() != null ? turn.html().length() : 2000);
        }
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, size));
        for (TurnView turn : turns) {
            write(turn, out);
        }
        return out.toString();
    }

    private static void write(TurnView t, StringBuilder out) {
        if (t.newDay() != null) {
            out.append("<p class=\"day-divider\"><span>").append(Escape.html(t.newDay())).append("</span></p>\n");
        }
        String anchor = Escape.html(t.anchor());
        out.append("<article id=\"").append(anchor).append("\" class=\"turn turn-").append(Escape.html(t.role()))
                .append("\" aria-labelledby=\"").append(anchor).append("-h\">\n<header class=\"turn-head\">\n")
                .append("<h2 class=\"turn-role\" id=\"").append(anchor).append("-h\"><span>")
                .append(Escape.html(t.label())).append("</span>");
        if (t.detail() != null) {
            out.append(" <span class=\"turn-detail\">· ").append(Escape.html(t.detail())).append("</span>");
        }
        out.append("</h2>\n");
        if (t.model() != null) {
            out.append("<span class=\"turn-model\">").append(Escape.html(t.model())).append("</span>\n");
        }
        if (t.tokens() != null) {
            out.append("<span class=\"turn-tokens\" title=\"").append(Escape.html(t.tokensExact())).append("\">")
                    .append(Escape.html(t.tokens())).append("</span>\n");
        }
        out.append("<a class=\"turn-link\" href=\"#").append(anchor).append("\" title=\"Link to turn ").append(t.seq())
                .append("\"><time datetime=\"").append(Escape.html(t.time().iso())).append("\" title=\"")
                .append(Escape.html(t.time().exact())).append("\">").append(Escape.html(t.time().text()))
                .append("</time><span class=\"turn-seq\">#").append(t.seq()).append("</span></a>\n</header>\n")
                .append("<div class=\"turn-body\">\n");
        if (t.empty()) {
            out.append("<p class=\"muted\">(empty)</p>\n");
        } else if (t.folded()) {
            out.append("<details class=\"fold\"><summary>").append(Escape.html(t.summary())).append("</summary>\n");
            body(t, out);
            out.append("</details>\n");
        } else {
            body(t, out);
        }
        out.append("</div>\n</article>\n");
    }

    private static void body(TurnView t, StringBuilder out) {
        if (t.fields() != null) {
            out.append("<dl class=\"call\">\n");
            for (ToolCall.Field field : t.fields()) {
                out.append("<dt>").append(Escape.html(field.name())).append("</dt><dd><pre class=\"output\">\n");
                Escape.html(field.value(), out);
                out.append("</pre></dd>\n");
            }
            out.append("</dl>\n");
        } else if (t.plain()) {
            // An HTML parser drops one newline right after <pre>: give it one, so the text keeps its own.
            out.append("<pre class=\"output\">\n");
            Escape.html(t.text(), out);
            out.append("</pre>\n");
        } else {
            out.append("<div class=\"md\">").append(t.html()).append("</div>\n");
        }
    }
}
