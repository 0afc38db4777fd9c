package lethe.ui.transcript;

import lethe.api.StoredAttachment;
import lethe.api.Subagent;
import lethe.api.Turn;
import lethe.api.TurnKind;
import lethe.api.Usage;
import lethe.ui.data.ResponsePricing;
import lethe.ui.format.Dollars;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.markdown.Markdown;
import lethe.ui.web.Escape;
import lethe.ui.work.Call;
import lethe.ui.work.Output;
import lethe.ui.work.Pairing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a session's turns into what the transcript page shows: conversation as markdown, a tool call
 * together with its output (paired by call id, or by order for turns stored before calls had ids) as the
 * work it was, thinking set apart, compaction as a marker, slash commands as typed, images inline; each
 * turn with a role label, its time, a day heading where the day changes, and an anchor by its position.
 */
public final class TurnPresenter {

    static final int PROMPT_PREVIEW = 80;
    private static final Pattern COMMAND_NAME = Pattern.compile("<command-name>\\s*(.*?)\\s*</command-name>", Pattern.DOTALL);
    private static final Pattern COMMAND_ARGS = Pattern.compile("<command-args>(.*?)</command-args>", Pattern.DOTALL);
    private static final Pattern COMMAND_STDOUT = Pattern.compile(
            "\\A\\s*<local-command-std(?:out|err)>(.*?)</local-command-std(?:out|err)>\\s*\\z", Pattern.DOTALL);

    private final Markdown markdown;
    private final Times times;
    private final ResponsePricing pricing;

    /**
     * What a transcript links to beyond its own turns.
     *
     * @param spawnedBy       sub-agent runs by the turn id of the call that spawned them
     * @param runHref         the page of a sub-agent run (same tool and host), by its session id
     * @param attachmentHref  where an attachment's bytes are served, from the URL the reader gave
     * @param hitSeq          the seq of the turn a search result leads to, or null
     * @param highlight       the words to mark in that turn, if any
     */
    public record Links(Map<String, Subagent> spawnedBy, Function<String, String> runHref,
                        Function<String, String> attachmentHref, Long hitSeq, Optional<Highlight> highlight) {

        public static Links none() {
            return new Links(Map.of(), id -> "#", url -> url, null, Optional.empty());
        }
    }

    public TurnPresenter(Markdown markdown, Times times, ResponsePricing pricing) {
        this.markdown = markdown;
        this.times = times;
        this.pricing = pricing;
    }

    public List<TurnView> present(List<Turn> turns) {
        return present(turns, Links.none());
    }

    public List<TurnView> present(List<Turn> turns, Links links) {
        int n = turns.size();
        Pairing pairing = Pairing.of(turns);
        List<TurnView> views = new ArrayList<>(n);
        LocalDate previousDay = null;
        for (int i = 0; i < n; i++) {
            if (pairing.absorbed(i)) {
                continue;
            }
            Turn turn = turns.get(i);
            LocalDate day = times.day(turn.timestamp());
            String newDay = day.equals(previousDay) ? null : Times.longDay(day);
            previousDay = day;
            int result = pairing.resultOf(i);
            boolean hit = links.hitSeq() != null && (links.hitSeq() == turn.seq()
                    || (result >= 0 && links.hitSeq() == turns.get(result).seq()));
            views.add(present(turn, i + 1, newDay, pairing.call(i), pairing.output(i),
                    result >= 0 ? new WorkHtml.Result(pairing.output(result), anchor(result + 1)) : null, links, hit));
        }
        return views;
    }

    /** {@code turn-<position>}, from 1: short, and unique even when a collector repeats a seq. */
    static String anchor(int position) {
        return "turn-" + position;
    }

    private TurnView present(Turn turn, int position, String newDay, Call call, Output output,
                             WorkHtml.Result result, Links links, boolean hit) {
        String content = turn.content() == null ? "" : turn.content();
        Kind kind = Kind.of(turn);
        String look = null;
        String body;
        boolean folded = false;
        String summary = null;
        String prompt = null;
        String detail = kind.describe(turn.toolName() != null || call == null ? turn.toolName() : call.name());
        if (call != null) {
            Subagent run = turn.turnId() == null ? null : links.spawnedBy().get(turn.turnId());
            WorkHtml.Spawned spawned = run == null ? null : new WorkHtml.Spawned(run, links.runHref().apply(run.sessionId()));
            body = WorkHtml.write(call, result, spawned, hit);
            if (call.family() == lethe.ui.work.ToolFamily.OTHER && Folding.folds(content, true) && !hit) {
                folded = true;
                summary = Folding.summary(content, ToolCallFields.label(call.input()));
            }
            if (result != null && result.output().error()) {
                look = "turn-failed";
            }
        } else if (output != null) {
            body = WorkHtml.orphan(output, turn.toolName(), hit);
            look = output.error() ? "turn-error" : null;
        } else if (kind == Kind.COMPACTION) {
            look = "turn-compaction";
            detail = "context compacted";
            body = "<p class=\"compaction-marker\">Earlier turns were summarised to free the context</p>\n"
                    + (content.isBlank() ? "" : "<details class=\"fold\"" + (hit ? " open" : "") + "><summary>"
                    + Escape.html(Folding.summary(content, "Summary")) + "</summary>\n<div class=\"md\">"
                    + markdown.toHtml(content) + "</div></details>\n");
        } else if (kind == Kind.TOOL_USE) {
            body = pre(content);
            folded = Folding.folds(content, true) && !hit;
            summary = folded ? Folding.summary(content) : null;
        } else {
            Optional<String> slash = "user".equals(turn.role()) ? slashCommand(content) : Optional.empty();
            if (slash.isPresent()) {
                look = "turn-command";
                body = slash.get();
                prompt = preview(commandText(content).orElse(content));
            } else {
                Matcher stdout = COMMAND_STDOUT.matcher(content);
                if (stdout.matches()) {
                    body = pre(stdout.group(1));
                    detail = "command output";
                } else {
                    body = content.isEmpty() ? "" : "<div class=\"md\">" + markdown.toHtml(content) + "</div>\n";
                }
                boolean secondary = kind != Kind.TEXT;
                folded = Folding.folds(content, secondary) && !hit;
                summary = folded ? Folding.summary(content) : null;
                if (kind == Kind.THINKING) {
                    look = "turn-thinking";
                } else if (kind == Kind.ERROR) {
                    look = "turn-error";
                } else if (kind == Kind.TEXT && "user".equals(turn.role())) {
                    prompt = preview(content);
                }
            }
        }
        body = withAttachments(body, turn.attachments(), links);
        if (hit && links.highlight().isPresent()) {
            body = links.highlight().get().apply(body);
        }
        Usage usage = turn.usage();
        long tokens = total(usage);
        return new TurnView(anchor(position), position, roleClass(turn.role()), look, roleLabel(turn.role()),
                detail, times.clock(turn.timestamp()), newDay,
                DirectionControls.reveal(turn.model()), tokens > 0 ? Numbers.compact(tokens) + " tokens" : null,
                tokens > 0 ? usageTip(turn.model(), usage) : null, body, folded, summary, prompt, hit);
    }

    private static String pre(String text) {
        // An HTML parser drops one newline right after <pre>: give it one, so the text keeps its own.
        StringBuilder out = new StringBuilder(text.length() + 40).append("<pre class=\"output\">\n");
        Escape.html(DirectionControls.reveal(text), out);
        return out.append("</pre>\n").toString();
    }

    /** Images shown where they were sent, scaled to the column, each a link to its full size. */
    private static String withAttachments(String body, List<StoredAttachment> attachments, Links links) {
        if (attachments == null || attachments.isEmpty()) {
            return body;
        }
        StringBuilder out = new StringBuilder(body == null ? "" : body).append("<div class=\"attachments\">\n");
        for (StoredAttachment attachment : attachments) {
            String url = attachment.url();
            if (url == null || !url.startsWith("/") || url.startsWith("//") || attachment.mediaType() == null
                    || !attachment.mediaType().startsWith("image/")) {
                continue;
            }
            String href = Escape.html(links.attachmentHref().apply(url));
            String name = attachment.name() == null ? "image " + (attachment.index() + 1) : attachment.name();
            out.append("<a class=\"attachment\" href=\"").append(href).append("\"><img src=\"").append(href)
                    .append("\" alt=\"");
            Escape.html(DirectionControls.reveal(name), out);
            out.append("\" loading=\"lazy\" decoding=\"async\"></a>\n");
        }
        return out.append("</div>\n").toString();
    }

    /** {@code <command-name>/review</command-name><command-args>src</command-args>} as {@code /review src}. */
    static Optional<String> commandText(String content) {
        if (!content.contains("<command-name>")) {
            return Optional.empty();
        }
        Matcher name = COMMAND_NAME.matcher(content);
        if (!name.find() || name.group(1).isEmpty()) {
            return Optional.empty();
        }
        String command = name.group(1).startsWith("/") ? name.group(1) : "/" + name.group(1);
        Matcher args = COMMAND_ARGS.matcher(content);
        String arguments = args.find() ? args.group(1).strip() : "";
        return Optional.of(arguments.isEmpty() ? command : command + " " + arguments);
    }

    private static Optional<String> slashCommand(String content) {
        return commandText(content).map(text -> {
            StringBuilder out = new StringBuilder("<p class=\"slash\"><code>");
            Escape.html(DirectionControls.reveal(text), out);
            return out.append("</code></p>\n").toString();
        });
    }

    /** The opening words on one line, or null when there are none. */
    static String preview(String content) {
        String head = content.length() > PROMPT_PREVIEW * 4 ? content.substring(0, PROMPT_PREVIEW * 4) : content;
        String oneLine = head.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return null;
        }
        if (oneLine.length() > PROMPT_PREVIEW) {
            int cut = Character.isHighSurrogate(oneLine.charAt(PROMPT_PREVIEW - 2)) ? PROMPT_PREVIEW - 2 : PROMPT_PREVIEW - 1;
            oneLine = oneLine.substring(0, cut) + "…";
        }
        return DirectionControls.reveal(oneLine);
    }

    public static String roleClass(String role) {
        return switch (role == null ? "" : role) {
            case "user", "assistant", "tool", "system" -> role;
            default -> "system";
        };
    }

    public static String roleLabel(String role) {
        return switch (role == null ? "" : role) {
            case "user" -> "User";
            case "assistant" -> "Assistant";
            case "tool" -> "Tool";
            case "system" -> "System";
            default -> role;
        };
    }

    public static long total(Usage usage) {
        if (usage == null) {
            return 0;
        }
        return orZero(usage.inputTokens()) + orZero(usage.outputTokens())
                + orZero(usage.cacheReadTokens()) + orZero(usage.cacheWriteTokens());
    }

    /** The tokens of one response exactly, then what it cost: "input 12 · output 340 · $0.0123" or "… · not priced". */
    private String usageTip(String model, Usage usage) {
        OptionalDouble cost = pricing.cost(model, usage);
        return breakdown(usage) + " · " + (cost.isPresent() ? Dollars.response(cost.getAsDouble()) : "not priced");
    }

    /** "input 12 · output 340 · cache read 45 012 · cache write 1 200", naming only what was reported. */
    public static String breakdown(Usage usage) {
        List<String> parts = new ArrayList<>(4);
        part(parts, "input", usage.inputTokens());
        part(parts, "output", usage.outputTokens());
        part(parts, "cache read", usage.cacheReadTokens());
        part(parts, "cache write", usage.cacheWriteTokens());
        return String.join(" · ", parts);
    }

    private static void part(List<String> parts, String name, Long value) {
        if (value != null) {
            parts.add(name + " " + Numbers.exact(value));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** The finer classification a collector may send; anything unknown reads as conversation. */
    private enum Kind {
        TEXT, THINKING, TOOL_USE, TOOL_RESULT, COMPACTION, ERROR;

        static Kind of(Turn turn) {
            String kind = turn.kind() == null ? "" : turn.kind();
            return switch (kind) {
                case TurnKind.THINKING -> THINKING;
                case TurnKind.TOOL_USE -> TOOL_USE;
                case TurnKind.TOOL_RESULT -> TOOL_RESULT;
                case TurnKind.COMPACTION -> COMPACTION;
                case TurnKind.ERROR -> ERROR;
                default -> turn.toolCall() != null ? TOOL_USE
                        : turn.toolResult() != null || "tool".equals(turn.role()) ? TOOL_RESULT : TEXT;
            };
        }

        String describe(String toolName) {
            String tool = toolName == null || toolName.isBlank() ? null : DirectionControls.reveal(toolName);
            return switch (this) {
                case TEXT, COMPACTION -> null;
                case THINKING -> "thinking";
                case ERROR -> "error";
                case TOOL_USE -> tool == null ? "tool call" : "calls " + tool;
                case TOOL_RESULT -> tool == null ? "output" : tool + " output";
            };
        }
    }
}
