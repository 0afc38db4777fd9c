package lethe.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import lethe.api.TurnEvent;
import lethe.redact.RedactionTally;
import lethe.redact.Redactor;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
        String input = toolInputJson;
        if (input != null) {
            try {
                JsonNode tree = mapper.readTree(input);
                if (redactStrings(tree, redactor, tally)) {
                    input = mapper.writeValueAsString(tree);
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<IncomingAttachment> named = attachments;
        if (attachments.stream().anyMatch(a -> a.name() != null)) {
            named = new ArrayList<>(attachments.size());
            for (IncomingAttachment a : attachments) {
                named.add(new IncomingAttachment(a.mediaType(), redactor.redact(a.name(), tally), a.data()));
            }
        }
        return new ParsedTurn(redactor.redact(event, tally), input, named);
    }

    /** Redacts every string value below {@code node} in place; true when one changed. */
    private static boolean redactStrings(JsonNode node, Redactor redactor, RedactionTally tally) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue() instanceof TextNode text) {
                    String redacted = redactor.redact(text.textValue(), tally);
                    if (!redacted.equals(text.textValue())) {
                        field.setValue(TextNode.valueOf(redacted));
                        changed = true;
                    }
                } else {
                    changed |= redactStrings(field.getValue(), redactor, tally);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof TextNode text) {
                    String redacted = redactor.redact(text.textValue(), tally);
                    if (!redacted.equals(text.textValue())) {
                        array.set(i, TextNode.valueOf(redacted));
                        changed = true;
                    }
                } else {
                    changed |= redactStrings(array.get(i), redactor, tally);
                }
            }
        }
        return changed;
    }
}
