package lethe.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.SearchHit;
import lethe.api.SearchPage;
import lethe.json.MetaJson;
import lethe.problem.ProblemException;
import lethe.session.SessionService;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** Finds turns by their words, for the API and the pages. */
public class SearchService {

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    public SearchService(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    /** @param owner null searches every owner (admins only; the caller checks) */
    public SearchPage search(String text, String owner, String tool, String host, int limit, long offset) {
        String query = FtsQuery.of(text)
                .orElseThrow(() -> ProblemException.invalid("q must contain at least one word to search for."));
        List<SearchHit> hits = jdbi.withExtension(SearchDao.class, dao -> dao.search(query, owner, tool, host, limit, offset))
                .stream().map(this::toHit).toList();
        return new SearchPage(text, hits, limit, offset);
    }

    private SearchHit toHit(SearchHitRow row) {
        return new SearchHit(row.owner(), row.tool(), row.host(), row.sessionId(),
                SessionService.title(MetaJson.parse(mapper, row.metaJson()), row.sessionTitle()),
                row.turnId(), row.seq(), row.role(), row.timestamp(), row.snippet());
    }

}
