package lethe.ui.transcript;

import lethe.api.Turn;
import lethe.api.Usage;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;
import lethe.ui.markdown.Markdown;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a session's turns into what the transcript page shows: conversation as markdown, tool calls and
 * output as preformatted text (markdown would mangle a diff or a stack trace), each with a role label,
 * its time, a day heading where the day changes, and an anchor.
 */
public final class TurnPresenter {

    static final int PROMPT_PREVIEW = 80;

    private final Markdown markdown;
    private final Times times;

    public TurnPresenter(Markdown markdown, Times times) {
        this.markdown = markdown;
        this.times = times;
    }

    public List<TurnView> present(List<Turn> turns) {
        List<TurnView> views = new ArrayList<>(turns.size());
        Map<Long, Integer> seen = new HashMap<>();
        LocalDate previousDay = null;
        for (Turn turn : turns) {
            LocalDate day = times.day(turn.timestamp());
            String newDay = day.equals(previousDay) ? null : Times.longDay(day);
            previousDay = day;
            views.add(present(turn, anchor(turn.seq(), seen), newDay));
        }
        return views;
    }

    /** {@code turn-<seq>}; should a collector repeat a seq, later turns get a suffix so ids stay unique. */
    private static String anchor(long seq, Map<Long, Integer> seen) {
        int count = seen.merge(seq, 1, Integer::sum);
        return count == 1 ? "turn-" + seq : "turn-" + seq + "-" + count;
    }

    private TurnView present(Turn turn, String anchor, String newDay) {
        String content = turn.content() == null ? "" : turn.content();
        Kind kind = Kind.of(turn);
        boolean secondary = kind != Kind.TEXT;
        boolean folded = Folding.folds(content, secondary);
        List<ToolCall.Field> fields = kind == Kind.TOOL_USE ? ToolCall.fields(content).orElse(null) : null;
        String text = kind.preformatted() && fields == null ? DirectionControls.reveal(content) : null;
        String html = kind.preformatted() ? null : markdown.toHtml(content);
        Usage usage = turn.usage();
        long tokens = total(usage);
        return new TurnView(anchor, turn.seq(), roleClass(turn.role()), roleLabel(turn.role()),
                kind.describe(turn.toolName()), times.clock(turn.timestamp()), newDay,
                DirectionControls.reveal(turn.model()), tokens > 0 ? Numbers.compact(tokens) + " tokens" : null,
                tokens > 0 ? breakdown(usage) : null,
                text, html, revealed(fields), folded, folded ? summary(content, fields) : null,
                kind == Kind.TEXT && "user".equals(turn.role()) ? preview(content) : null);
    }

    private static String summary(String content, List<ToolCall.Field> fields) {
        return fields == null ? Folding.summary(content) : Folding.summary(content, ToolCall.label(fields));
    }

    private static List<ToolCall.Field> revealed(List<ToolCall.Field> fields) {
        if (fields == null) {
            return null;
        }
        return fields.stream()
                .map(f -> new ToolCall.Field(DirectionControls.reveal(f.name()), DirectionControls.reveal(f.value())))
                .toList();
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
        TEXT, THINKING, TOOL_USE, TOOL_RESULT;

        static Kind of(Turn turn) {
            String kind = turn.kind() == null ? "" : turn.kind();
            return switch (kind) {
                case "thinking" -> THINKING;
                case "tool_use" -> TOOL_USE;
                case "tool_result" -> TOOL_RESULT;
                default -> "tool".equals(turn.role()) ? TOOL_RESULT : TEXT;
            };
        }

        boolean preformatted() {
            return this == TOOL_USE || this == TOOL_RESULT;
        }

        String describe(String toolName) {
            String tool = toolName == null || toolName.isBlank() ? null : DirectionControls.reveal(toolName);
            return switch (this) {
                case TEXT -> null;
                case THINKING -> "thinking";
                case TOOL_USE -> tool == null ? "tool call" : "calls " + tool;
                case TOOL_RESULT -> tool == null ? "output" : tool + " output";
            };
        }
    }
}
