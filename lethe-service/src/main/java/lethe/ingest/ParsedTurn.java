package lethe.ingest;

import lethe.api.TurnEvent;

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
}
