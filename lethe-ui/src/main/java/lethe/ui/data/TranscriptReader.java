package lethe.ui.data;

import lethe.api.SessionDetail;
import lethe.api.SessionFile;
import lethe.api.SessionPage;
import lethe.api.Subagent;

import java.util.List;
import java.util.Optional;

/**
 * Everything the pages read, and nothing more. The service implements it over its database; the UI
 * never sees SQL. Every method is scoped to an owner the caller was already allowed to see: checking
 * that is the pages' job, so an implementation only has to honour the owner it is given.
 */
public interface TranscriptReader extends UsageReader {

    /** One page of sessions, newest activity first. */
    SessionPage sessions(SessionFilter filter);

    /** One session with all its turns in order, if {@code owner} has it. */
    Optional<SessionDetail> session(String owner, String tool, String host, String sessionId);

    /**
     * The sub-agent runs a session spawned, for the list to show under it. By default read from the
     * session's detail; an implementation with a cheaper way overrides it.
     */
    default List<Subagent> subagents(String owner, String tool, String host, String sessionId) {
        return session(owner, tool, host, sessionId).map(SessionDetail::subagents).orElse(List.of());
    }

    /**
     * The files a session read or changed, sorted by path, each with the turns ({@code turn_id}s) that touched
     * it; empty if {@code owner} has no such session. By default read from the session's detail.
     */
    default List<SessionFile> files(String owner, String tool, String host, String sessionId) {
        return session(owner, tool, host, sessionId).map(SessionDetail::files).orElse(List.of());
    }

    /** The tools and hosts that occur in an owner's sessions (everyone's when {@code owner} is null), for filter lists. */
    Facets facets(String owner);

    /** Everyone who owns at least one session, sorted: the choices of an admin's owner selector. */
    List<String> owners();

    /** One row per session and local day on which that session had turns, within the query's days. */
    List<SessionDay> activity(ActivityQuery query);

    /**
     * Turns whose content holds every word of the search text, best match first; empty when the text has
     * no word to search for (only punctuation, say), so the page can say so.
     */
    Optional<List<FoundTurn>> search(TurnSearch search);
}
