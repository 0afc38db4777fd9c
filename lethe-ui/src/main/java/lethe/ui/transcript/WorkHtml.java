package lethe.ui.transcript;

import lethe.api.Subagent;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.web.Escape;
import lethe.ui.work.Call;
import lethe.ui.work.Edits;
import lethe.ui.work.FileDiff;
import lethe.ui.work.Output;
import lethe.ui.work.Shell;
import lethe.ui.work.Todos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call and its output as the work they were: an edit as a diff, a command with its output under
 * it, a file read or written with its content, a to-do list as a checklist, a sub-agent spawn as a link to
 * its run, anything else field by field. Every value is untrusted and goes out escaped, with direction
 * controls made visible; the markup around it is ours.
 */
final class WorkHtml {

    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("java", "java"), Map.entry("py", "python"), Map.entry("js", "javascript"),
            Map.entry("mjs", "javascript"), Map.entry("ts", "typescript"), Map.entry("tsx", "tsx"),
            Map.entry("jsx", "jsx"), Map.entry("go", "go"), Map.entry("rs", "rust"), Map.entry("rb", "ruby"),
            Map.entry("md", "markdown"), Map.entry("json", "json"), Map.entry("yml", "yaml"),
            Map.entry("yaml", "yaml"), Map.entry("sh", "bash"), Map.entry("html", "html"), Map.entry("css", "css"),
            Map.entry("sql", "sql"), Map.entry("c", "c"), Map.entry("h", "c"), Map.entry("cpp", "cpp"),
            Map.entry("kt", "kotlin"), Map.entry("swift", "swift"), Map.entry("toml", "toml"),
            Map.entry("xml", "xml"), Map.entry("txt", "text"));

    /** Where a call's output goes: its id (so links to the result turn still land) and whether to open folds. */
    record Result(Output output, String anchor) {
    }

    private final StringBuilder out;
    private final boolean open;

    private WorkHtml(StringBuilder out, boolean open) {
        this.out = out;
        this.open = open;
    }

    /**
     * @param result    the paired output, or null when none was recorded (yet)
     * @param spawned   for a sub-agent spawn, the run it started, with the link to it; else null
     * @param open      folds start open (the turn a search result leads to)
     */
    static String write(Call call, Result result, Spawned spawned, boolean open) {
        StringBuilder out = new StringBuilder(256);
        new WorkHtml(out, open).call(call, result, spawned);
        return out.toString();
    }

    /** A tool output that no call on the page claims: shown on its own, an error looking like one. */
    static String orphan(Output output, String label, boolean open) {
        StringBuilder out = new StringBuilder(128);
        new WorkHtml(out, open).output(output, null, label, false);
        return out.toString();
    }

    /** A sub-agent run and where it can be read. */
    record Spawned(Subagent run, String href) {
    }

    private void call(Call call, Result result, Spawned spawned) {
        switch (call.family()) {
            case EDIT -> edit(call, result);
            case SHELL -> shell(call, result);
            case READ -> read(call, result);
            case WRITE -> write(call, result);
            case TODO -> todo(call, result);
            case TASK -> task(call, result, spawned);
            case SEARCH, FETCH -> lookup(call, result);
            case OTHER -> other(call, result);
        }
    }

    private void edit(Call call, Result result) {
        Optional<List<FileDiff>> files = Edits.of(call);
        if (files.isEmpty()) {
            other(call, result);
            return;
        }
        for (FileDiff file : files.get()) {
            diff(file);
        }
        quietOutput(result, call.path());
    }

    static void diff(FileDiff file, StringBuilder out) {
        new WorkHtml(out, false).diff(file);
    }

    private void diff(FileDiff file) {
        out.append("<figure class=\"diff\"><figcaption><span class=\"diff-action\">");
        text(file.action());
        out.append("</span> <code class=\"path\">");
        text(file.path());
        out.append("</code></figcaption>\n<pre class=\"diff-lines\">");
        for (FileDiff.Line line : file.lines()) {
            switch (line.type()) {
                case HUNK -> out.append("<span class=\"d-hunk\">");
                case CONTEXT -> out.append("<span class=\"d-ctx\"> ");
                case REMOVED -> out.append("<del class=\"d-del\">-");
                case ADDED -> out.append("<ins class=\"d-add\">+");
            }
            text(line.text());
            out.append('\n');
            out.append(switch (line.type()) {
                case REMOVED -> "</del>";
                case ADDED -> "</ins>";
                default -> "</span>";
            });
        }
        out.append("</pre></figure>\n");
    }

    private void shell(Call call, Result result) {
        String command = Shell.command(call);
        if (command == null) {
            other(call, result);
            return;
        }
        out.append("<div class=\"shell\">\n<pre class=\"command\"><span class=\"prompt\">$ </span>");
        text(command);
        out.append("</pre>\n");
        String description = call.text("description", "justification");
        String process = Shell.polledProcess(call);
        if (process != null) {
            String typed = call.text("chars");
            description = "more output of process " + process + (typed == null ? "" : ", after typing " + typed.strip());
        }
        if (description != null) {
            out.append("<p class=\"call-note\">");
            text(description);
            out.append("</p>\n");
        }
        if (result != null) {
            Shell.Result shell = Shell.result(result.output().text());
            boolean failed = result.output().error() || (shell.exitCode() != null && shell.exitCode() != 0);
            output(new Output(result.output().callId(), shell.text(), failed), result.anchor(), "$ " + firstLine(command), false);
            if (shell.exitCode() != null) {
                out.append("<p class=\"exit").append(failed ? " exit-failed" : "").append("\">exit ")
                        .append(shell.exitCode()).append("</p>\n");
            }
        }
        out.append("</div>\n");
    }

    private void read(Call call, Result result) {
        String path = call.path();
        if (path == null) {
            other(call, result);
            return;
        }
        pathLine("read", path);
        if (result != null) {
            if (result.output().error()) {
                output(result.output(), result.anchor(), path, false);
            } else {
                code(path, result.output().text(), result.anchor());
            }
        }
    }

    private void write(Call call, Result result) {
        String path = call.path();
        String content = call.text("content", "contents", "text");
        if (path == null || content == null) {
            other(call, result);
            return;
        }
        pathLine("write", path);
        code(path, content, null);
        quietOutput(result, path);
    }

    private void todo(Call call, Result result) {
        List<Todos.Item> items = Todos.of(call);
        if (items.isEmpty()) {
            other(call, result);
            return;
        }
        String explanation = call.text("explanation");
        if (explanation != null) {
            out.append("<p class=\"call-note\">");
            text(explanation);
            out.append("</p>\n");
        }
        out.append("<ul class=\"todo\">\n");
        for (Todos.Item item : items) {
            String state = item.state().name().toLowerCase(Locale.ROOT);
            out.append("<li class=\"todo-").append(state).append("\"><span class=\"todo-state\">")
                    .append(item.state().label()).append("</span> <span class=\"todo-text\">");
            text(item.text());
            out.append("</span></li>\n");
        }
        out.append("</ul>\n");
        quietOutput(result, "to-do list");
    }

    private void task(Call call, Result result, Spawned spawned) {
        String description = call.text("description", "title", "name");
        String agent = call.text("subagent_type", "agent", "agent_type");
        out.append("<p class=\"spawn\"><span class=\"spawn-label\">Sub-agent");
        if (agent != null) {
            out.append(" <code>");
            text(agent);
            out.append("</code>");
        }
        out.append("</span>");
        if (description != null) {
            out.append(" ");
            text(description);
        }
        out.append("</p>\n");
        if (spawned != null) {
            out.append("<p class=\"spawn-link\"><a href=\"").append(Escape.html(spawned.href())).append("\">Read the run: ");
            text(spawned.run().title() == null ? spawned.run().sessionId() : spawned.run().title());
            out.append("</a> <span class=\"muted\">· ").append(spawned.run().turnCount()).append(" turns</span></p>\n");
        }
        String prompt = call.text("prompt", "message", "task");
        if (prompt != null) {
            fold(prompt, "Prompt", "<pre class=\"output\">\n", "</pre>\n");
        }
        if (result != null) {
            output(result.output(), result.anchor(), "Result", false);
        }
    }

    private void lookup(Call call, Result result) {
        String what = call.text("pattern", "query", "url", "q");
        if (what == null) {
            other(call, result);
            return;
        }
        out.append("<p class=\"lookup\"><code class=\"lookup-what\">");
        text(what);
        out.append("</code>");
        for (String key : List.of("path", "glob", "include", "type", "prompt")) {
            String value = call.text(key);
            if (value != null) {
                out.append(" <span class=\"lookup-opt\">").append(key).append(" ");
                text(value);
                out.append("</span>");
            }
        }
        out.append("</p>\n");
        if (result != null) {
            output(result.output(), result.anchor(), what, true);
        }
    }

    private void other(Call call, Result result) {
        out.append("<dl class=\"call\">\n");
        for (ToolCallFields.Field field : ToolCallFields.of(call.input())) {
            out.append("<dt>");
            text(field.name());
            out.append("</dt><dd><pre class=\"output\">\n");
            text(field.value());
            out.append("</pre></dd>\n");
        }
        out.append("</dl>\n");
        if (result != null) {
            output(result.output(), result.anchor(), call.name(), false);
        }
    }

    /** Output that matters only when it says something went wrong ("File updated" adds nothing to a diff). */
    private void quietOutput(Result result, String label) {
        if (result == null) {
            return;
        }
        if (result.output().error()) {
            output(result.output(), result.anchor(), label, false);
        } else {
            out.append("<p class=\"out-ok\" id=\"").append(Escape.html(result.anchor())).append("\">");
            text(firstLine(result.output().text()));
            out.append("</p>\n");
        }
    }

    /** A tool's output under its call: preformatted, folded with {@code label} when long, marked when it failed. */
    private void output(Output output, String anchor, String label, boolean secondary) {
        String text = output.text();
        out.append("<div class=\"out").append(output.error() ? " out-error" : "").append('"');
        if (anchor != null) {
            out.append(" id=\"").append(Escape.html(anchor)).append('"');
        }
        out.append(">\n");
        if (output.error()) {
            out.append("<p class=\"out-label\">error</p>\n");
        }
        if (text.isEmpty()) {
            out.append("<p class=\"muted\">(no output)</p>\n");
        } else if (Folding.folds(text, true) || (secondary && Folding.lines(text) > 3)) {
            fold(text, label == null || label.isBlank() ? text : label, "<pre class=\"output\">\n", "</pre>\n");
        } else {
            out.append("<pre class=\"output\">\n");
            text(text);
            out.append("</pre>\n");
        }
        out.append("</div>\n");
    }

    private void fold(String text, String label, String before, String after) {
        out.append("<details class=\"fold\"").append(open ? " open" : "").append("><summary>");
        text(Folding.summary(text, label));
        out.append("</summary>\n").append(before);
        text(text);
        out.append(after).append("</details>\n");
    }

    private void pathLine(String action, String path) {
        out.append("<p class=\"file\"><span class=\"file-action\">").append(action).append("</span> <code class=\"path\">");
        text(path);
        out.append("</code></p>\n");
    }

    /** File content as the page shows fenced code: a figure captioned with the path, the language as a class. */
    private void code(String path, String content, String anchor) {
        String language = language(path);
        boolean folds = Folding.folds(content, true);
        if (folds) {
            out.append("<details class=\"fold\"").append(open ? " open" : "").append("><summary>");
            text(Folding.summary(content, path));
            out.append("</summary>\n");
        }
        out.append("<figure class=\"code\"");
        if (anchor != null) {
            out.append(" id=\"").append(Escape.html(anchor)).append('"');
        }
        out.append("><pre><code");
        if (language != null) {
            out.append(" class=\"language-").append(language).append('"');
        }
        out.append('>');
        text(content);
        out.append("</code></pre></figure>\n");
        if (folds) {
            out.append("</details>\n");
        }
    }

    static String language(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return null;
        }
        return LANGUAGES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private void text(String value) {
        Escape.html(DirectionControls.reveal(value), out);
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        String line = newline < 0 ? stripped : stripped.substring(0, newline) + " …";
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
