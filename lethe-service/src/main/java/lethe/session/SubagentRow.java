package lethe.session;

/** A session spawned by another, as the parent's detail lists it (the title is derived like any session's). */
public record SubagentRow(String sessionId, String metaJson, String firstUserText, String parentTurnId,
                          long turnCount) {
}
