package lethe.ingest;

import lethe.api.WireRules;

import java.util.Map;

/**
 * The columns derived from a session's meta so that lists can filter on them through an index:
 * {@code project} is {@code meta.cwd}; the parent is {@code meta.parent_session_id} (and
 * {@code parent_turn_id}) when it is an id that could name a session.
 */
public record SessionLinks(long id, String project, String parentSessionId, String parentTurnId) {

    static final String CWD = "cwd";
    static final String PARENT_SESSION_ID = "parent_session_id";
    static final String PARENT_TURN_ID = "parent_turn_id";

    static SessionLinks of(long id, Map<String, Object> meta) {
        String project = meta.get(CWD) instanceof String cwd && !cwd.isEmpty() ? cwd : null;
        String parent = meta.get(PARENT_SESSION_ID) instanceof String value && WireRules.isSafeId(value) ? value : null;
        String parentTurn = parent != null && meta.get(PARENT_TURN_ID) instanceof String value
                && WireRules.isTurnId(value) ? value : null;
        return new SessionLinks(id, project, parent, parentTurn);
    }
}
