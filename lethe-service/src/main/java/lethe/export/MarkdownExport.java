package lethe.export;

import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.Turn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** A session as one Markdown document: a header with its facts, then every turn under its own heading. */
final class MarkdownExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private MarkdownExport() {
    }

    static String render(SessionDetail detail) {
        Session session = detail.session();
        StringBuilder out = new StringBuilder();
        out.append("# ").append(oneLine(session.title() != null ? session.title() : session.sessionId())).append("\n\n");
        out.append("- tool: `").append(session.tool()).append("`, host: `").append(session.host())
                .append("`, session: `").append(session.sessionId()).append("`\n");
        out.append("- owner: ").append(session.owner()).append('\n');
        if (session.startedAt() != null) {
            out.append("- from ").append(time(session.startedAt())).append(" to ").append(time(session.lastActivityAt()))
                    .append(", ").append(session.turnCount()).append(" turns\n");
        }
        for (Map.Entry<String, Object> entry : session.meta().entrySet()) {
            out.append("- ").append(oneLine(entry.getKey())).append(": ").append(oneLine(String.valueOf(entry.getValue()))).append('\n');
        }
        for (Turn turn : detail.turns()) {
            out.append("\n## ").append(turn.seq()).append(". ").append(turn.role());
            if (turn.toolName() != null) {
                out.append(" · ").append(oneLine(turn.toolName()));
            }
            out.append(" · ").append(time(turn.timestamp())).append("\n\n");
            out.append(turn.content()).append('\n');
        }
        return out.toString();
    }

    private static String time(double seconds) {
        long whole = (long) Math.floor(seconds);
        return TIME.format(Instant.ofEpochSecond(whole, (long) ((seconds - whole) * 1e9)).atOffset(ZoneOffset.UTC));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
