package lethe.web;

import lethe.api.SearchHit;
import lethe.api.SessionDetail;
import lethe.api.SessionFile;
import lethe.api.SessionPage;
import lethe.api.Subagent;
import lethe.api.Usage;
import lethe.api.UsageReport;
import lethe.files.FileFilter;
import lethe.search.SearchFilters;
import lethe.search.SearchService;
import lethe.session.SessionQuery;
import lethe.session.SessionService;
import lethe.stats.StatsService;
import lethe.ui.data.ActivityQuery;
import lethe.ui.data.DayRange;
import lethe.ui.data.Facets;
import lethe.ui.data.Found;
import lethe.ui.data.FoundSession;
import lethe.ui.data.FoundTurn;
import lethe.ui.data.SessionDay;
import lethe.ui.data.SessionFilter;
import lethe.ui.data.SnippetPart;
import lethe.ui.data.TranscriptReader;
import lethe.ui.data.TurnSearch;
import lethe.ui.data.TurnWindow;
import lethe.ui.data.UsageRequest;
import lethe.usage.TokenSums;
import lethe.usage.UsageKey;
import lethe.usage.UsageQuery;
import lethe.usage.UsageService;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What the web pages read, served by the same services (and so the same owner-scoped SQL) as the API. */
public class DatabaseTranscriptReader implements TranscriptReader {

    private final SessionService sessions;
    private final StatsService stats;
    private final SearchService search;
    private final UsageService usage;
    private final SecureRandom random = new SecureRandom();

    public DatabaseTranscriptReader(SessionService sessions, StatsService stats, SearchService search,
                                    UsageService usage) {
        this.sessions = sessions;
        this.stats = stats;
        this.search = search;
        this.usage = usage;
    }

    @Override
    public SessionPage sessions(SessionFilter filter) {
        return sessions.list(new SessionQuery(filter.owner(), filter.tool(), filter.host(), filter.project(), filter.excludeSubagents(),
                filter.since(), filter.until(), FileFilter.parse(filter.file()), filter.limit(), filter.offset()));
    }

    @Override
    public Optional<SessionDetail> session(String owner, String tool, String host, String sessionId) {
        return sessions.find(owner, tool, host, sessionId);
    }

    @Override
    public List<SessionFile> files(String owner, String tool, String host, String sessionId) {
        return sessions.files(owner, tool, host, sessionId);
    }

    @Override
    public Optional<SessionDetail> session(String owner, String tool, String host, String sessionId, TurnWindow window) {
        return sessions.window(owner, tool, host, sessionId, window);
    }

    @Override
    public OptionalLong turnPosition(String owner, String tool, String host, String sessionId, Long seq, String turnId) {
        return sessions.turnPosition(owner, tool, host, sessionId, seq, turnId);
    }

    /** Without reading the session's turns: the sessions page asks this for every sub-agent parent it lists. */
    @Override
    public List<Subagent> subagents(String owner, String tool, String host, String sessionId) {
        return sessions.open(owner, tool, host, sessionId).map(SessionService.Found::subagents).orElse(List.of());
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

    @Override
    public UsageReport usage(UsageRequest request) {
        List<UsageKey> keys = request.groupBy().stream()
                .map(key -> UsageKey.fromParam(key).orElseThrow(() -> new IllegalArgumentException("no usage key " + key)))
                .toList();
        Instant since = request.from() == null ? null : request.from().atStartOfDay(request.zone()).toInstant();
        Instant until = request.to() == null ? null : request.to().plusDays(1).atStartOfDay(request.zone()).toInstant();
        return usage.report(new UsageQuery(request.owner(), keys, since, until, request.zone(), null, null, null));
    }

    @Override
    public Optional<DayRange> usageDays(String owner, ZoneId zone) {
        return usage.extent(owner).map(extent -> new DayRange(LocalDate.ofInstant(extent[0], zone),
                LocalDate.ofInstant(extent[1].minusSeconds(1), zone)));
    }

    /** Priced as the usage report prices it: one response, each kind of token with its own tier. */
    @Override
    public OptionalDouble cost(String model, Usage tokens) {
        return usage.prices().find(model).map(price -> OptionalDouble.of(price.cost(TokenSums.ofResponse(
                count(tokens.inputTokens()), count(tokens.outputTokens()), count(tokens.cacheReadTokens()),
                count(tokens.cacheWriteTokens()))))).orElseGet(OptionalDouble::empty);
    }

    private static long count(Long tokens) {
        return tokens == null ? 0 : tokens;
    }

    @Override
    public Optional<Found<FoundSession>> searchSessions(TurnSearch query) {
        SearchService.Marks marks = marks();
        return search.searchSessions(query.text(), marks, filters(query), query.limit(), query.offset())
                .map(page -> new Found<>(page.sessions().stream()
                        .map(session -> new FoundSession(session.owner(), session.tool(), session.host(),
                                session.sessionId(), session.title(), session.project(), session.hitCount(),
                                session.hits().stream().map(hit -> found(hit, marks)).toList()))
                        .toList(), page.indexPending()));
    }

    @Override
    public Optional<Found<FoundTurn>> search(TurnSearch query) {
        SearchService.Marks marks = marks();
        return search.search(query.text(), marks, filters(query), query.limit(), query.offset())
                .map(page -> new Found<>(page.hits().stream().map(hit -> found(hit, marks)).toList(),
                        page.indexPending()));
    }

    /**
     * Markers no transcript can contain, because nobody knows them before the search runs: a turn that holds
     * the API's « » (or anything else) cannot make its own text look like a match.
     */
    private SearchService.Marks marks() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String token = HexFormat.of().formatHex(nonce);
        return new SearchService.Marks("\u0002" + token + "[", "]" + token + "\u0003");
    }

    private static SearchFilters filters(TurnSearch query) {
        return new SearchFilters(query.owner(), query.tool(), query.host(), query.sessionId(), query.project(),
                query.since(), query.until(), query.role(), query.kind(), FileFilter.parse(query.file()));
    }

    private static FoundTurn found(SearchHit hit, SearchService.Marks marks) {
        return new FoundTurn(hit.owner(), hit.tool(), hit.host(), hit.sessionId(), hit.title(), hit.turnId(),
                hit.seq(), hit.role(), hit.timestamp(), SnippetPart.split(hit.snippet(), marks.open(), marks.close()));
    }
}
