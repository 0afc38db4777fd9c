package lethe.ui.transcript;

import lethe.ui.format.TimeText;

import java.util.List;

/**
 * One turn as the transcript page shows it. Exactly one of {@code text} (shown preformatted), {@code fields}
 * (a tool call's input, field by field) and {@code html} (rendered markdown, already safe) is set.
 *
 * @param anchor   the element id, {@code turn-<seq>}: stable, so links to a turn keep working
 * @param role     the CSS modifier of the role: user, assistant, tool, system
 * @param detail   what kind of turn within its role, e.g. "thinking", "calls Bash"; may be null
 * @param newDay   the day heading to show above this turn when it starts a new day, else null
 * @param folded   true when the body sits in a closed {@code <details>}; {@code summary} labels it
 * @param prompt   for a prompt the user typed, its opening words (for the list of prompts); else null
 */
public record TurnView(String anchor, long seq, String role, String label, String detail, TimeText time,
                       String newDay, String model, String tokens, String tokensExact,
                       String text, String html, List<ToolCall.Field> fields, boolean folded, String summary,
                       String prompt) {

    public boolean plain() {
        return text != null;
    }

    public boolean empty() {
        return (text == null || text.isEmpty()) && (html == null || html.isBlank()) && fields == null;
    }
}
