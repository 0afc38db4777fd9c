package lethe.ui.transcript;

import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.SessionFile;
import lethe.api.SessionParent;
import lethe.api.StoredAttachment;
import lethe.api.Subagent;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a session of v2 turns the way the collectors send them: calls with ids, results naming them. */
final class V2Turns {

    static final double NOON = 1_767_268_800; // 2026-01-01T12:00:00Z

    private final String tool;
    private final String sessionId;
    private final List<Turn> turns = new ArrayList<>();
    private final List<Subagent> subagents = new ArrayList<>();
    private final List<SessionFile> files = new ArrayList<>();
    private SessionParent parent;

    V2Turns(String tool, String sessionId) {
        this.tool = tool;
        this.sessionId = sessionId;
    }

    private long next() {
        return turns.size() * 10L;
    }

    V2Turns user(String content) {
        return add(new Turn("u" + next(), next(), "user", NOON + turns.size(), content, null, null, "text", null, null, null, null));
    }

    V2Turns say(String content) {
        return add(new Turn("a" + next(), next(), "assistant", NOON + turns.size(), content, "model-x", null, "text", null, null, null, null));
    }

    V2Turns kind(String role, String kind, String content) {
        return add(new Turn("k" + next(), next(), role, NOON + turns.size(), content, null, null, kind, null, null, null, null));
    }

    V2Turns call(String id, String name, Map<String, Object> input) {
        return add(new Turn("c-" + id, next(), "assistant", NOON + turns.size(), name + " call", "model-x", null,
                "tool_use", name, new ToolCall(id, name, input), null, null));
    }

    V2Turns result(String callId, String output, boolean error) {
        return add(new Turn("r-" + callId, next(), "tool", NOON + turns.size(), output, null, null,
                "tool_result", null, null, new ToolResult(callId, error), null));
    }

    V2Turns image(String content, StoredAttachment... attachments) {
        return add(new Turn("i" + next(), next(), "user", NOON + turns.size(), content, null, null, "text", null, null, null,
                List.of(attachments)));
    }

    V2Turns raw(Turn turn) {
        return add(turn);
    }

    V2Turns spawned(String runId, String title, String callTurnId) {
        subagents.add(new Subagent(runId, title, callTurnId, 4));
        return this;
    }

    V2Turns parent(String parentSession, String turnId) {
        parent = new SessionParent(tool, "laptop", parentSession, turnId);
        return this;
    }

    private V2Turns add(Turn turn) {
        turns.add(turn);
        return this;
    }

    /** A file the session's calls touched, as the service lists it. */
    V2Turns file(String path, boolean changed, String... turnIds) {
        files.add(new SessionFile(path, !changed, changed, List.of(turnIds)));
        return this;
    }

    Session session() {
        return new Session("alice", tool, "laptop", sessionId, "A " + tool + " session", NOON, NOON + turns.size(),
                turns.size(), null, Map.of("cwd", "/home/alice/src/shop"), NOON, NOON, "/home/alice/src/shop", parent,
                subagents.isEmpty() ? null : (long) subagents.size(), null);
    }

    SessionDetail detail() {
        return new SessionDetail(session(), List.copyOf(turns), List.copyOf(subagents), List.copyOf(files));
    }
}
