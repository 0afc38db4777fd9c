package lethe.importer.codex;

import lethe.api.TurnEvent;
import lethe.api.Usage;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What mapping a rollout line needs to know about the lines before it: the session it belongs to, the model
 * of the current turn, the names of open calls, the turn that carries the current response's usage, the last
 * token totals, and whether the lines are still the parent's history a sub-agent rollout starts with.
 *
 * <p>Built only from earlier lines of the same file, in order: an importer that resumes in the middle of a
 * file replays the lines already sent to rebuild it, and maps the next lines exactly as an uninterrupted run.
 */
final class CodexThread {

    final String sourceLabel;
    String sessionId;
    /** The first {@code session_meta} was read; its id is this thread's own. */
    boolean metaRead;
    String ownId;
    final Map<String, Object> meta = new LinkedHashMap<>();
    /** The meta last sent with a turn; sent again only when it changed. */
    Map<String, Object> metaSent;
    String model;
    double lastTimestamp;
    final Map<String, String> callNames = new HashMap<>();

    /** A sub-agent (or forked) rollout: its first lines after the header copy the parent thread. */
    boolean forked;
    /** Still in that copied prefix. */
    boolean inherited;
    /** The previous line was the copied parent's {@code session_meta}. */
    boolean afterParentMeta;
    /** Milliseconds of the child's UUIDv7 id, when it is one: turns minted before it are the parent's. */
    long forkMillis = -1;

    /** The latest assistant turn: a response's token counts are added to it. */
    TurnEvent carrier;
    Usage carrierUsage;
    /** Counts that arrived before any assistant turn; they go to the next one. */
    Usage pendingUsage;
    String lastTotals;

    /** The last message text sent per role, with the record kind it came from, to send each message once. */
    final Map<String, String[]> lastMessage = new HashMap<>();

    /** How far the file has been mapped with this thread: the byte offset after, and the number of, its lines. */
    long offset;
    long lines;

    /** @param sessionId the session id until the rollout's {@code session_meta} names it (from the file name) */
    CodexThread(String sessionId, String sourceLabel) {
        this.sessionId = sessionId;
        this.sourceLabel = sourceLabel;
    }
}
