package lethe.ui.transcript;

import lethe.ui.format.TimeText;

/**
 * One turn as the transcript page shows it.
 *
 * @param anchor    the element id, {@code turn-<position>}: the turn's place in the session, from 1
 * @param role      the CSS modifier of the role: user, assistant, tool, system
 * @param look      further CSS classes for what kind of turn it is (thinking, error, compaction), or null
 * @param detail    what kind of turn within its role, e.g. "thinking", "calls Bash"; may be null
 * @param newDay    the day heading to show above this turn when it starts a new day, else null
 * @param body      the turn's content as HTML that is already safe; null when the turn is empty
 * @param folded    true when the body sits in a closed {@code <details>}; {@code summary} labels it
 * @param prompt    for a prompt the user typed, its opening words (for the list of prompts); else null
 * @param tokens    the response's tokens in short ("45k tokens"), or null when it reported none
 * @param usageTip  the hover on those tokens: each kind exactly, then the response's cost or "not priced"
 * @param hit       the turn a search result leads to: it is marked and its words highlighted
 */
public record TurnView(String anchor, int position, String role, String look, String label, String detail,
                       TimeText time, String newDay, String model, String tokens, String usageTip,
                       String body, boolean folded, String summary, String prompt, boolean hit) {

    public boolean empty() {
        return body == null || body.isBlank();
    }
}
