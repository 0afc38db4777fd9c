package lethe.search;

import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.SqlObject;

import java.util.List;

/**
 * Full-text search over turn content, always scoped to one owner unless an admin asked for all. Which
 * index drives the query depends on the terms ({@link FtsQuery}): the word index (unicode61) when there
 * is a word, else the substring index (trigram), else a scan of turn content for substrings of one or two
 * characters. The other kinds of terms narrow what the driving index found. SQLite-specific: FTS5 MATCH,
 * bm25() and snippet().
 */
public interface SearchDao extends SqlObject {

    /** Words around a match in a snippet; a trigram counts as a token, so substrings need more of them. */
    int SNIPPET_WORDS = 16;
    int SNIPPET_TRIGRAMS = 48;

    /**
     * Best matches first (bm25), then newest; a scan has no rank and is newest first. {@code owner}
     * null means every owner. The snippet wraps each matched term in {@code open} and {@code close};
     * a scan returns the whole content as its snippet, for the caller to cut.
     */
    default List<SearchHitRow> search(FtsQuery query, String owner, String tool, String host, int limit,
                                      long offset, String open, String close) {
        String words = query.words();
        String substrings = query.substrings();
        String driver = words != null ? "turns_fts" : substrings != null ? "turns_trigram" : null;
        StringBuilder sql = new StringBuilder("""
                SELECT s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.meta,
                       t.turn_id, t.seq, t.role, t.timestamp,
                """);
        if (driver == null) {
            sql.append("""
                       t.content AS snippet
                  FROM turns t
                  JOIN sessions s ON s.id = t.session_pk
                 WHERE 1 = 1
                """);
        } else {
            sql.append("       snippet(").append(driver).append(", 0, :open, :close, '…', ")
                    .append(driver.equals("turns_fts") ? SNIPPET_WORDS : SNIPPET_TRIGRAMS).append(") AS snippet\n")
                    .append("  FROM ").append(driver).append('\n')
                    .append("  JOIN turns t ON t.id = ").append(driver).append(".rowid\n")
                    .append("""
                              JOIN sessions s ON s.id = t.session_pk
                             WHERE\s""").append(driver).append(" MATCH :driverQuery\n");
        }
        if (words != null && substrings != null) {
            sql.append("   AND t.id IN (SELECT rowid FROM turns_trigram WHERE turns_trigram MATCH :substrings)\n");
        }
        List<String> scanned = query.shortSubstrings();
        for (int i = 0; i < scanned.size(); i++) {
            sql.append("   AND t.content LIKE :like").append(i).append(" ESCAPE '\\'\n");
        }
        sql.append("""
                   AND (:owner IS NULL OR s.owner = :owner)
                   AND (:tool IS NULL OR s.tool = :tool)
                   AND (:host IS NULL OR s.host = :host)
                """);
        sql.append(driver == null ? " ORDER BY t.timestamp DESC\n"
                : " ORDER BY bm25(" + driver + "), t.timestamp DESC\n");
        sql.append(" LIMIT :limit OFFSET :offset");
        Query statement = getHandle().createQuery(sql.toString())
                .bind("owner", owner).bind("tool", tool).bind("host", host)
                .bind("limit", limit).bind("offset", offset);
        if (driver != null) {
            statement.bind("open", open).bind("close", close).bind("driverQuery", words != null ? words : substrings);
        }
        if (words != null && substrings != null) {
            statement.bind("substrings", substrings);
        }
        for (int i = 0; i < scanned.size(); i++) {
            statement.bind("like" + i, FtsQuery.likePattern(scanned.get(i)));
        }
        return statement.map(new SearchHitRowMapper()).list();
    }
}
