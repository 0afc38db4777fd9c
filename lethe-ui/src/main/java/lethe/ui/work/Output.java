package lethe.ui.work;

import lethe.api.Turn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool's output: a v2 {@code tool_result} turn's content as the tool wrote it, or an old-form result
 * unwrapped from the fence the v1 importer put around it (and its {@code Error:} first line).
 *
 * @param callId  the call it answers, or null when unknown (old form: paired by order)
 * @param error   the tool failed
 */
public record Output(String callId, String text, boolean error) {

    private static final Pattern OLD_FORM = Pattern.compile("\\A(Error:\\n)?(`{3,})\\n(.*?)\\n?\\2\\s*\\z", Pattern.DOTALL);

    public static Output of(Turn turn) {
        String content = turn.content() == null ? "" : turn.content();
        if (turn.toolResult() != null) {
            return new Output(turn.toolResult().callId(), content, Boolean.TRUE.equals(turn.toolResult().isError()));
        }
        Matcher fenced = OLD_FORM.matcher(content);
        if (fenced.matches()) {
            return new Output(null, fenced.group(3), fenced.group(1) != null);
        }
        return new Output(null, content, "error".equals(turn.kind()));
    }
}
