package lethe.export;

import lethe.api.Session;
import lethe.api.Subagent;
import lethe.api.Turn;
import lethe.api.TurnKind;
import lethe.ui.work.Call;
import lethe.ui.work.Edits;
import lethe.ui.work.FileDiff;
import lethe.ui.work.Output;
import lethe.ui.work.PairedTurns;
import lethe.ui.work.Shell;
import lethe.ui.work.Todos;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A session as one Markdown document, in the structure of its page: a header with its facts, then each
 * turn under a heading naming its role and time (to the second), a tool call together with its output:
 * edits as {@code diff} blocks, commands as typed with their output and exit status, to-do lists as
 * checklists, files with their content. Transcript text goes into fences longer than any backtick run it
 * holds, so it cannot close them.
 *
 * <p>Written as the turns are read: a session may be hundreds of megabytes, so only a turn's own Markdown
 * and the turns waiting for their call's output ({@link PairedTurns}, at most {@link #WAITING_TURNS} turns or
 * {@link #WAITING_CHARS} characters) are ever in memory. An output further than that from its call is shown
 * on its own.
 */
final class MarkdownExport {

    static final int WAITING_TURNS = 1000;
    static final long WAITING_CHARS = 4L * 1024 * 1024;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One turn's Markdown (or the header), written to {@link #writer} when it is complete. */
    private final StringBuilder out = new StringBuilder();
    private final Writer writer;
    private final Map<String, Subagent> spawnedBy = new HashMap<>();

    private MarkdownExport(Writer writer, List<Subagent> subagents) {
        this.writer = writer;
        if (subagents != null) {
            subagents.forEach(run -> spawnedBy.putIfAbsent(run.turnId(), run));
        }
    }

    /** Writes the session and its turns, which {@code turns} hands over in order, to {@code writer}. */
    static void write(Session session, List<Subagent> subagents, SessionExport.TurnStream turns, Writer writer)
            throws IOException {
        MarkdownExport export = new MarkdownExport(writer, subagents);
        export.header(session);
        PairedTurns<IOException> paired = new PairedTurns<>(export::turn, WAITING_TURNS, WAITING_CHARS);
        turns.forEach(paired::accept);
        paired.finish();
    }

    /** The title as a file name: {@code fix-the-flaky-test.md}, or the session id when the title has no letters. */
    static String fileName(Session session) {
        String title = session.title() == null ? "" : session.title();
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? session.sessionId() : slug) + ".md";
    }

    private void header(Session session) throws IOException {
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
        flush();
    }

    private void turn(PairedTurns.Paired paired) throws IOException {
        Turn turn = paired.turn();
        Call call = paired.call();
        heading(turn, call);
        if (call != null) {
            call(call, paired.result(), spawnedBy.get(turn.turnId()));
        } else if (paired.output() != null) {
            output(paired.output(), "text");
        } else if (TurnKind.THINKING.equals(turn.kind())) {
            quoted(content(turn));
        } else {
            out.append(content(turn)).append('\n');
        }
        flush();
    }

    private void flush() throws IOException {
        writer.append(out);
        out.setLength(0);
    }

    private void heading(Turn turn, Call call) {
        String role = turn.role() == null || turn.role().isEmpty() ? "turn"
                : Character.toUpperCase(turn.role().charAt(0)) + turn.role().substring(1);
        out.append("\n## ").append(oneLine(role));
        if (call != null && !call.name().isBlank()) {
            out.append(" · ").append(oneLine(call.name()));
        } else if (turn.kind() != null && !TurnKind.TEXT.equals(turn.kind())) {
            out.append(" · ").append(oneLine(turn.kind().replace('_', ' ')));
        }
        out.append(" · ").append(time(turn.timestamp())).append("\n\n");
    }

    private void call(Call call, Output output, Subagent spawned) {
        switch (call.family()) {
            case EDIT -> {
                Optional<List<FileDiff>> files = Edits.of(call);
                if (files.isPresent()) {
                    for (FileDiff file : files.get()) {
                        out.append("**").append(file.action()).append("** ").append(code(file.path())).append("\n\n");
                        fenced(file.unified(), "diff");
                    }
                    quiet(output);
                    return;
                }
            }
            case SHELL -> {
                String command = Shell.command(call);
                if (command != null) {
                    StringBuilder console = new StringBuilder("$ ").append(command).append('\n');
                    Integer exit = null;
                    if (output != null) {
                        Shell.Result result = Shell.result(output.text());
                        console.append(result.text());
                        exit = result.exitCode();
                    }
                    fenced(console.toString(), "console");
                    if (exit != null && exit != 0 || output != null && output.error()) {
                        out.append("**failed**").append(exit == null ? "" : " (exit " + exit + ")").append('\n');
                    }
                    return;
                }
            }
            case READ, WRITE -> {
                String path = call.path();
                String content = call.text("content", "contents");
                if (path != null) {
                    out.append("**").append(call.family().name().toLowerCase(Locale.ROOT)).append("** ").append(code(path)).append("\n\n");
                    if (content != null) {
                        fenced(content, language(path));
                        quiet(output);
                    } else if (output != null) {
                        output(output, language(path));
                    }
                    return;
                }
            }
            case TODO -> {
                List<Todos.Item> items = Todos.of(call);
                if (!items.isEmpty()) {
                    for (Todos.Item item : items) {
                        out.append("- [").append(item.state() == Todos.State.DONE ? 'x' : ' ').append("] ")
                                .append(oneLine(item.text()));
                        if (item.state() != Todos.State.DONE && item.state() != Todos.State.PENDING) {
                            out.append(" (").append(item.state().label()).append(')');
                        }
                        out.append('\n');
                    }
                    return;
                }
            }
            case TASK -> {
                out.append("**Sub-agent**");
                String description = call.text("description");
                if (description != null) {
                    out.append(": ").append(oneLine(description));
                }
                if (spawned != null) {
                    out.append(" (run `").append(spawned.sessionId()).append("`, ").append(spawned.turnCount()).append(" turns)");
                }
                out.append("\n\n");
                String prompt = call.text("prompt");
                if (prompt != null) {
                    quoted(prompt);
                }
                if (output != null) {
                    output(output, "text");
                }
                return;
            }
            default -> {
                // searches, fetches and the rest: their fields, as below
            }
        }
        for (Map.Entry<String, Object> field : call.input().entrySet()) {
            String value = field.getValue() instanceof String text ? text : String.valueOf(field.getValue());
            if (value.contains("\n")) {
                out.append("- ").append(oneLine(field.getKey())).append(":\n\n");
                fenced(value, "text");
            } else {
                out.append("- ").append(oneLine(field.getKey())).append(": ").append(code(value)).append('\n');
            }
        }
        if (output != null) {
            out.append('\n');
            output(output, "text");
        }
    }

    /** An output worth a line only when it failed; otherwise its first line. */
    private void quiet(Output output) {
        if (output == null) {
            return;
        }
        if (output.error()) {
            output(output, "text");
        } else if (!output.text().isBlank()) {
            out.append('\n').append(oneLine(output.text().strip().lines().findFirst().orElse(""))).append('\n');
        }
    }

    private void output(Output output, String language) {
        if (output.error()) {
            out.append("**error**\n\n");
        }
        fenced(output.text(), language);
    }

    private void quoted(String text) {
        for (String line : text.split("\n", -1)) {
            out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
        }
    }

    /** A fence longer than any run of backticks in the text (CommonMark's rule), so the text cannot close it. */
    private void fenced(String text, String language) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        out.append(fence).append(language == null ? "" : language).append('\n').append(text);
        if (!text.endsWith("\n")) {
            out.append('\n');
        }
        out.append(fence).append('\n');
    }

    private static String code(String text) {
        String line = oneLine(text);
        String ticks = line.contains("`") ? "``" : "`";
        return ticks + (ticks.length() > 1 ? " " + line + " " : line) + ticks;
    }

    private static String language(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).replaceAll("[^A-Za-z0-9+#-]", "");
    }

    private static String content(Turn turn) {
        return turn.content() == null ? "" : turn.content();
    }

    private static String time(double seconds) {
        return TIME.format(Instant.ofEpochSecond((long) Math.floor(seconds)));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
