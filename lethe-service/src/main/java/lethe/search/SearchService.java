package lethe.search;

import lethe.api.SearchGroupedPage;
import lethe.api.SearchHit;
import lethe.api.SearchPage;
import lethe.api.SearchSessionHit;
import lethe.db.SqlDialect;
import lethe.problem.ProblemException;
import lethe.session.SessionService;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds turns by their words, for the API and the pages. */
public class SearchService {

    private static final Marks API_MARKS = new Marks("«", "»");

    private final Jdbi jdbi;
    private final SqlDialect dialect;
    private final SearchIndexer indexer;

    public SearchService(Jdbi jdbi, SqlDialect dialect, SearchIndexer indexer) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.indexer = indexer;
    }

    /** @param filters owner null searches every owner (admins only; the caller checks) */
    public SearchPage search(String text, SearchFilters filters, int limit, long offset) {
        return search(text, API_MARKS, filters, limit, offset).orElseThrow(SearchService::noWord);
    }

    /** Results grouped by session, best session first; {@code limit} and {@code offset} count sessions. */
    public SearchGroupedPage searchSessions(String text, SearchFilters filters, int limit, long offset) {
        return searchSessions(text, API_MARKS, filters, limit, offset).orElseThrow(SearchService::noWord);
    }

    private static ProblemException noWord() {
        return ProblemException.invalid("q must contain at least one word to search for.");
    }

    /**
     * The search one hit per turn with matched words wrapped in {@code marks} of the caller's choosing, or
     * empty when the text holds no word to search for. The API's « » can also occur in a transcript; markers
     * that cannot (a per-request random token, say) let the pages highlight exactly what matched.
     */
    public Optional<SearchPage> search(String text, Marks marks, SearchFilters filters, int limit, long offset) {
        return FtsQuery.parse(text).map(query -> {
            CatchUp index = new CatchUp(query);
            List<SearchHit> hits = find(query, filters, limit, offset, marks, index);
            return new SearchPage(text, hits, limit, offset, index.pending);
        });
    }

    /** The search grouped by session, with matched words wrapped in {@code marks}; empty as above. */
    public Optional<SearchGroupedPage> searchSessions(String text, Marks marks, SearchFilters filters, int limit,
                                                      long offset) {
        return FtsQuery.parse(text).map(query -> {
            CatchUp index = new CatchUp(query);
            List<SearchSessionHit> sessions = findSessions(query, filters, limit, offset, marks, index);
            return new SearchGroupedPage(text, sessions, limit, offset, index.pending);
        });
    }

    /**
     * Brings the indexes a search uses up to date before it runs (see {@link SearchIndexer#catchUp}), and
     * keeps what was left pending for the answer's {@code index_pending}.
     */
    private final class CatchUp {
        private long pending;

        CatchUp(FtsQuery query) {
            before(query);
        }

        /** A query driven by the word index needs only that one; anything else may use the substring index. */
        void before(FtsQuery query) {
            pending = indexer.catchUp(query.words() == null || query.substrings() != null);
        }
    }

    private List<SearchSessionHit> findSessions(FtsQuery query, SearchFilters filters, int limit, long offset,
                                                Marks marks, CatchUp index) {
        return jdbi.withExtension(SearchDao.class, dao -> {
            SearchDao.Matching matching = matching(query);
            List<SearchDao.SessionHits> page = dao.sessions(matching, filters, limit, offset);
            if (page.isEmpty() && (offset == 0 || dao.sessions(matching, filters, 1, 0).isEmpty())) {
                Optional<FtsQuery> widened = query.asSubstrings();
                if (widened.isPresent()) {
                    index.before(widened.get());
                    matching = matching(widened.get());
                    page = dao.sessions(matching, filters, limit, offset);
                }
            }
            Map<Long, SearchHitRow> hits = dao.hitsAmong(matching,
                    page.stream().flatMap(session -> session.bestTurns().stream()).toList(),
                    marks.open(), marks.close());
            SearchDao.Matching found = matching;
            return page.stream().map(session -> {
                List<SearchHit> best = session.bestTurns().stream().map(hits::get)
                        .map(row -> toHit(row, snippet(row, found, marks)))
                        .toList();
                SearchHitRow first = hits.get(session.bestTurns().get(0));
                return new SearchSessionHit(first.owner(), first.tool(), first.host(), first.sessionId(),
                        best.get(0).title(), first.project(), session.hitCount(), best);
            }).toList();
        });
    }

    /** When no term matched as a word, the words may still match inside longer identifiers. */
    private List<SearchHit> find(FtsQuery query, SearchFilters filters, int limit, long offset, Marks marks,
                                 CatchUp index) {
        List<SearchHit> hits = findExactly(query, filters, limit, offset, marks);
        boolean wordsMatchedSomewhere = !hits.isEmpty()
                || offset > 0 && !findExactly(query, filters, 1, 0, marks).isEmpty();
        if (wordsMatchedSomewhere) {
            return hits;
        }
        return query.asSubstrings()
                .map(widened -> {
                    index.before(widened);
                    return findExactly(widened, filters, limit, offset, marks);
                })
                .orElse(hits);
    }

    private List<SearchHit> findExactly(FtsQuery query, SearchFilters filters, int limit, long offset,
                                        Marks marks) {
        return jdbi.withExtension(SearchDao.class, dao -> {
            SearchDao.Matching matching = dao.newestRanked(matching(query), filters);
            return dao.search(matching, filters, limit, offset, marks.open(), marks.close()).stream()
                    .map(row -> toHit(row, snippet(row, matching, marks)))
                    .toList();
        });
    }

    private SearchDao.Matching matching(FtsQuery query) {
        return SearchDao.Matching.of(query, dialect);
    }

    private static String snippet(SearchHitRow row, SearchDao.Matching matching, Marks marks) {
        return matching.text(row.snippet(), marks);
    }

    /** What a snippet puts before and after each matched word. */
    public record Marks(String open, String close) {
    }

    private static SearchHit toHit(SearchHitRow row, String snippet) {
        return new SearchHit(row.owner(), row.tool(), row.host(), row.sessionId(),
                SessionService.title(row.metaTitle(), row.sessionTitle()),
                row.turnId(), row.seq(), row.role(), row.timestamp(), snippet);
    }
}
