package lethe.ui.data;

import lethe.api.SessionDetail;
import lethe.api.SessionFile;
import lethe.api.SessionPage;
import lethe.api.Subagent;
import lethe.api.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

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
     * One session with a window of its turns, for a page: a session may be hundreds of megabytes, so a page
     * never asks for all of it. By default cut from {@link #session(String, String, String, String)}; an
     * implementation that can read a window alone overrides it.
     */
    default Optional<SessionDetail> session(String owner, String tool, String host, String sessionId, TurnWindow window) {
        return session(owner, tool, host, sessionId).map(detail -> {
            List<Turn> turns = new ArrayList<>();
            long chars = 0;
            for (int i = (int) Math.min(window.from(), detail.turns().size()); i < detail.turns().size(); i++) {
                if (turns.size() >= window.maxTurns() || (!turns.isEmpty() && chars >= window.maxChars() && i > window.reach())) {
                    break;
                }
                Turn turn = detail.turns().get(i);
                turns.add(turn);
                chars += turn.content() == null ? 0 : turn.content().length();
            }
            return new SessionDetail(detail.session(), turns, detail.subagents(), detail.files());
        });
    }

    /** The 0-based position in the session's order of its first turn with this seq, or of the turn with this id. */
    default OptionalLong turnPosition(String owner, String tool, String host, String sessionId, Long seq, String turnId) {
        return session(owner, tool, host, sessionId).stream().flatMapToLong(detail -> {
            List<Turn> turns = detail.turns();
            for (int i = 0; i < turns.size(); i++) {
                Turn turn = turns.get(i);
                if (turnId != null ? turnId.equals(turn.turnId()) : seq != null && seq == turn.seq()) {
                    return LongStream.of(i);
                }
            }
            return LongStream.empty();
        }).findFirst();
    }

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
     * Sessions with turns whose content holds every word of the search text, best session first (by its
     * best hit), each with its hit count and best few hits; {@code limit} and {@code offset} count sessions.
     * Empty when the text has no word to search for (only punctuation, say), so the page can say so.
     */
    Optional<Found<FoundSession>> searchSessions(TurnSearch search);

    /** The same search one turn at a time, best match first; {@code limit} and {@code offset} count turns. */
    Optional<Found<FoundTurn>> search(TurnSearch search);
}
