package lethe.ui.transcript;

import lethe.ui.web.Escape;

import java.util.List;

/**
 * Writes the list of turns as HTML. Everything else on the transcript page is a Thymeleaf template, but a
 * 2 000-turn session runs some 60 000 template expressions here, which made the page ten times slower
 * than the same session as JSON; a plain writer does the same in a fraction. Every value is escaped
 * except {@link TurnView#body()}, which the presenter already made safe.
 */
public final class TurnsHtml {

    private TurnsHtml() {
    }

    public static String of(List<TurnView> turns) {
        long size = 0;
        for (TurnView turn : turns) {
            size += 700 + (turn.body() == null ? 0 : turn.body().length());
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
        out.append("<article id=\"").append(anchor).append("\" class=\"turn turn-").append(Escape.html(t.role()));
        if (t.look() != null) {
            out.append(' ').append(Escape.html(t.look()));
        }
        if (t.hit()) {
            out.append(" turn-hit");
        }
        out.append("\" aria-labelledby=\"").append(anchor).append("-h\">\n");
        if (t.hit()) {
            out.append("<span id=\"hit\" class=\"hit-marker\"></span>\n");
        }
        out.append("<header class=\"turn-head\">\n<h2 class=\"turn-role\" id=\"").append(anchor).append("-h\"><span>")
                .append(Escape.html(t.label())).append("</span>");
        if (t.detail() != null) {
            out.append(" <span class=\"turn-detail\">· ").append(Escape.html(t.detail())).append("</span>");
        }
        out.append("</h2>\n");
        if (t.model() != null) {
            out.append("<span class=\"turn-model\">").append(Escape.html(t.model())).append("</span>\n");
        }
        if (t.tokens() != null) {
            out.append("<span class=\"turn-tokens\" title=\"").append(Escape.html(t.usageTip())).append("\">")
                    .append(Escape.html(t.tokens())).append("</span>\n");
        }
        out.append("<a class=\"turn-link\" href=\"#").append(anchor).append("\" title=\"Link to turn ").append(t.position())
                .append("\"><time datetime=\"").append(Escape.html(t.time().iso())).append("\" title=\"")
                .append(Escape.html(t.time().exact())).append("\">").append(Escape.html(t.time().text()))
                .append("</time><span class=\"turn-seq\">#").append(t.position()).append("</span></a>\n</header>\n")
                .append("<div class=\"turn-body\">\n");
        if (t.empty()) {
            out.append("<p class=\"muted\">(empty)</p>\n");
        } else if (t.folded()) {
            out.append("<details class=\"fold\"><summary>").append(Escape.html(t.summary())).append("</summary>\n")
                    .append(t.body()).append("</details>\n");
        } else {
            out.append(t.body());
        }
        out.append("</div>\n</article>\n");
    }
}
