package lethe.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.TurnEvent;
import lethe.redact.RedactionTally;
import lethe.redact.Redactor;

import java.util.ArrayList;
import java.util.List;

/**
 * One accepted line, in the form it is stored in. The event's {@code tool_call.input} and
 * {@code attachments} are left empty: the input is kept as the exact JSON text the collector sent, and
 * the attachments as their decoded bytes, so neither is held twice in memory.
 *
 * @param toolInputJson  the {@code tool_call.input} object as JSON text, or null
 * @param attachments    the decoded attachments in the order sent; empty when none
 */
record ParsedTurn(TurnEvent event, String toolInputJson, List<IncomingAttachment> attachments) {

    /**
     * The turn with its secrets replaced everywhere text can hold one. The tool input is redacted value by
     * value in its parsed form, never as JSON text (a marker spliced into JSON text could break an escape),
     * and written again only when a value changed, so an input without secrets stays byte for byte as sent.
     */
    ParsedTurn redacted(Redactor redactor, RedactionTally tally, ObjectMapper mapper) {
        if (!redactor.enabled()) {
            return this;
        }
        String input = redactor.redactJson(toolInputJson, tally, mapper);
        List<IncomingAttachment> named = attachments;
        if (attachments.stream().anyMatch(a -> a.name() != null)) {
            named = new ArrayList<>(attachments.size());
            for (IncomingAttachment a : attachments) {
                named.add(new IncomingAttachment(a.mediaType(), redactor.redact(a.name(), tally), a.data()));
            }
        }
        return new ParsedTurn(redactor.redact(event, tally), input, named);
    }
}
