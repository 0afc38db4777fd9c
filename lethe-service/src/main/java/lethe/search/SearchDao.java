package lethe.search;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

/**
 * Full-text search over turn content, always scoped to one owner unless an admin asked for all: one
 * query per database, the same columns and order from both.
 */
@RegisterConstructorMapper(SearchHitRow.class)
public interface SearchDao {

    /**
     * Best matches first (bm25), then newest. {@code :owner} null means every owner. The snippet wraps
     * each matched word in {@code open} and {@code close}.
     */
    @SqlQuery("""
            SELECT s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.meta,
                   t.turn_id, t.seq, t.role, t.timestamp,
                   snippet(turns_fts, 0, :open, :close, '…', 16) AS snippet
              FROM turns_fts
              JOIN turns t ON t.id = turns_fts.rowid
              JOIN sessions s ON s.id = t.session_pk
             WHERE turns_fts MATCH :query
               AND (:owner IS NULL OR s.owner = :owner)
               AND (:tool IS NULL OR s.tool = :tool)
               AND (:host IS NULL OR s.host = :host)
             ORDER BY bm25(turns_fts), t.timestamp DESC
             LIMIT :limit OFFSET :offset
            """)
    List<SearchHitRow> search(@Bind("query") String query, @Bind("owner") String owner, @Bind("tool") String tool,
                              @Bind("host") String host, @Bind("limit") int limit, @Bind("offset") long offset,
                              @Bind("open") String open, @Bind("close") String close);

    /**
     * The same on PostgreSQL: {@code :query} is a {@code to_tsquery} text from {@link FtsQuery#tsquery},
     * matched against the generated {@code content_tsv} (GIN-indexed), best first by cover density.
     * The snippet is one fragment of the turn's text around the matches.
     */
    @SqlQuery("""
            SELECT s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.meta,
                   t.turn_id, t.seq, t.role, t.timestamp,
                   ts_headline('lethe', left(t.content, 100000), to_tsquery('lethe', :query),
                               'StartSel="' || :open || '", StopSel="' || :close || '", MaxWords=16, MinWords=8, '
                               || 'ShortWord=0, MaxFragments=1') AS snippet
              FROM turns t
              JOIN sessions s ON s.id = t.session_pk
             WHERE t.content_tsv @@ to_tsquery('lethe', :query)
               AND (:owner IS NULL OR s.owner = :owner)
               AND (:tool IS NULL OR s.tool = :tool)
               AND (:host IS NULL OR s.host = :host)
             ORDER BY ts_rank_cd(t.content_tsv, to_tsquery('lethe', :query)) DESC, t.timestamp DESC
             LIMIT :limit OFFSET :offset
            """)
    List<SearchHitRow> searchPostgres(@Bind("query") String query, @Bind("owner") String owner,
                                      @Bind("tool") String tool, @Bind("host") String host, @Bind("limit") int limit,
                                      @Bind("offset") long offset, @Bind("open") String open,
                                      @Bind("close") String close);
}
