package lethe.web;

import lethe.api.SessionDetail;
import lethe.api.SessionPage;
import lethe.session.SessionQuery;
import lethe.session.SessionService;
import lethe.stats.StatsService;
import lethe.ui.data.ActivityQuery;
import lethe.ui.data.Facets;
import lethe.ui.data.SessionDay;
import lethe.ui.data.SessionFilter;
import lethe.ui.data.TranscriptReader;

import java.util.List;
import java.util.Optional;

/** What the web pages read, served by the same services (and so the same owner-scoped SQL) as the API. */
public class DatabaseTranscriptReader implements TranscriptReader {

    private final SessionService sessions;
    private final StatsService stats;

    public DatabaseTranscriptReader(SessionService sessions, StatsService stats) {
        this.sessions = sessions;
        this.stats = stats;
    }

    @Override
    public SessionPage sessions(SessionFilter filter) {
        return sessions.list(new SessionQuery(filter.owner(), filter.tool(), filter.host(), filter.since(),
                filter.until(), filter.limit(), filter.offset()));
    }

    @Override
    public Optional<SessionDetail> session(String owner, String tool, String host, String sessionId) {
        return sessions.find(owner, tool, host, sessionId);
    }

    @Override
    public Facets facets(String owner) {
        return sessions.facets(owner);
    }

    @Override
    public List<String> owners() {
        return sessions.owners();
    }

    @Override
    public List<SessionDay> activity(ActivityQuery query) {
        return stats.activity(query);
    }
}
