package lethe.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.SearchHit;
import lethe.api.SearchPage;
import lethe.db.SqlDialect;
import lethe.json.MetaJson;
import lethe.problem.ProblemException;
import lethe.session.SessionService;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/** Finds turns by their words, for the API and the pages. */
public class SearchService {

    private static final Marks API_MARKS = new Marks("«", "»");

    private final Jdbi jdbi;
    private final SqlDialect dialect;
    private final ObjectMapper mapper;
    private final SearchIndexer indexer;

    public SearchService(Jdbi jdbi, SqlDialect dialect, ObjectMapper mapper, SearchIndexer indexer) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.mapper = mapper;
        this.indexer = indexer;
    }

    /** @param owner null searches every owner (admins only; the caller checks) */
    public SearchPage search(String text, String owner, String tool, String host, int limit, long offset) {
        String query = query(text)
                .orElseThrow(() -> ProblemException.invalid("q must contain at least one word to search for."));
        long pending = indexer.catchUp();
        return new SearchPage(text, find(query, owner, tool, host, limit, offset, API_MARKS), limit, offset, pending);
    }

    /**
     * The same search with matched words wrapped in {@code marks} of the caller's choosing, or empty when
     * the text holds no word to search for. The API's « » can also occur in a transcript; markers that
     * cannot (a per-request random token, say) let the pages highlight exactly what matched.
     */
    public Optional<List<SearchHit>> search(String text, Marks marks, String owner, String tool, String host,
                                            int limit, long offset) {
        return query(text).map(query -> {
            indexer.catchUp();
            return find(query, owner, tool, host, limit, offset, marks);
        });
    }

    private List<SearchHit> find(String query, String owner, String tool, String host, int limit, long offset,
                                 Marks marks) {
        return jdbi.withExtension(SearchDao.class, dao -> dialect == SqlDialect.POSTGRESQL
                        ? dao.searchPostgres(query, owner, tool, host, limit, offset, marks.open(), marks.close())
                        : dao.search(query, owner, tool, host, limit, offset, marks.open(), marks.close()))
                .stream().map(this::toHit).toList();
    }

    private Optional<String> query(String text) {
        return dialect == SqlDialect.POSTGRESQL ? FtsQuery.tsquery(text) : FtsQuery.of(text);
    }

    /** What a snippet puts before and after each matched word. */
    public record Marks(String open, String close) {
    }

    private SearchHit toHit(SearchHitRow row) {
        return new SearchHit(row.owner(), row.tool(), row.host(), row.sessionId(),
                SessionService.title(MetaJson.parse(mapper, row.metaJson()), row.sessionTitle()),
                row.turnId(), row.seq(), row.role(), row.timestamp(), row.snippet());
    }
}
