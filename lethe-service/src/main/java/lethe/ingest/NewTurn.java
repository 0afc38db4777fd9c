package lethe.ingest;

import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.TurnEvent;
import lethe.api.Usage;

/**
 * A turn ready for its INSERT: the event flattened, with the key of the session row it belongs to.
 * {@code toolCallInput} is the call's input object as the exact JSON text the collector sent.
 */
public record NewTurn(long sessionPk, String turnId, long seq, String role, double timestamp, String content,
                      String model, Long inputTokens, Long outputTokens, Long cacheReadTokens,
                      Long cacheWriteTokens, String kind, String toolName, String toolCallId, String toolCallName,
                      String toolCallInput, String toolResultCallId, Boolean toolResultIsError) {

    static NewTurn of(long sessionPk, ParsedTurn parsed) {
        TurnEvent event = parsed.event();
        Usage usage = event.usage() != null ? event.usage() : Usage.NONE;
        ToolCall call = event.toolCall();
        ToolResult result = event.toolResult();
        return new NewTurn(sessionPk, event.turnId(), event.seq(), event.role(), event.timestamp(), event.content(),
                event.model(), usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
                usage.cacheWriteTokens(), event.kind(), event.toolName(),
                call != null ? call.id() : null, call != null ? call.name() : null, parsed.toolInputJson(),
                result != null ? result.callId() : null, result != null ? result.isError() : null);
    }
}
