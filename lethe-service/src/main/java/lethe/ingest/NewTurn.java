package lethe.ingest;

import lethe.api.TurnEvent;
import lethe.api.Usage;

/** A turn ready for its INSERT: the event flattened, with the key of the session row it belongs to. */
public record NewTurn(long sessionPk, String turnId, long seq, String role, double timestamp, String content,
                      String model, Long inputTokens, Long outputTokens, Long cacheReadTokens,
                      Long cacheWriteTokens, String kind, String toolName) {

    static NewTurn of(long sessionPk, TurnEvent event) {
        Usage usage = event.usage() != null ? event.usage() : Usage.NONE;
        return new NewTurn(sessionPk, event.turnId(), event.seq(), event.role(), event.timestamp(), event.content(),
                event.model(), usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
                usage.cacheWriteTokens(), event.kind(), event.toolName());
    }
}
