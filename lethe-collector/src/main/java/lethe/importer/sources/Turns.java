package lethe.importer.sources;

import lethe.api.Attachment;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.TurnEvent;
import lethe.api.Usage;

import java.util.List;
import java.util.Map;

/** Builds the turns every importer sends, with the fields in one place. */
public final class Turns {

    private final String tool;
    private final String host;

    public Turns(String tool, String host) {
        this.tool = tool;
        this.host = host;
    }

    public TurnEvent turn(String sessionId, String turnId, long seq, String role, double timestamp, String content,
                          String kind, Map<String, Object> meta, String model, Usage usage, ToolCall toolCall,
                          ToolResult toolResult, List<Attachment> attachments) {
        String toolName = toolCall != null ? toolCall.name() : null;
        return new TurnEvent(tool, host, sessionId, turnId, seq, role, timestamp, content == null ? "" : content, meta,
                model, usage, kind, toolName, toolCall, toolResult,
                attachments == null || attachments.isEmpty() ? null : List.copyOf(attachments));
    }

    /** The same turn carrying other usage (the final counts of its response). */
    public static TurnEvent withUsage(TurnEvent turn, Usage usage) {
        return new TurnEvent(turn.tool(), turn.host(), turn.sessionId(), turn.turnId(), turn.seq(), turn.role(),
                turn.timestamp(), turn.content(), turn.sessionMeta(), turn.model(), usage, turn.kind(), turn.toolName(),
                turn.toolCall(), turn.toolResult(), turn.attachments());
    }

    /** The same turn carrying another session meta. */
    public static TurnEvent withMeta(TurnEvent turn, Map<String, Object> meta) {
        return turn.withSessionMeta(meta);
    }

    /** Adds two usages field by field (a missing field counts as absent, not zero). */
    public static Usage plus(Usage a, Usage b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        if (b == null || b.isEmpty()) {
            return a;
        }
        return new Usage(sum(a.inputTokens(), b.inputTokens()), sum(a.outputTokens(), b.outputTokens()),
                sum(a.cacheReadTokens(), b.cacheReadTokens()), sum(a.cacheWriteTokens(), b.cacheWriteTokens()));
    }

    private static Long sum(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }
}
