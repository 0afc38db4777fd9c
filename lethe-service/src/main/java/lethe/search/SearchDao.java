package lethe.search;

import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.SqlObject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
    /** Hits shown per session in grouped results. */
    int HITS_PER_SESSION = 3;

    /** A session of a grouped result page, with the turns (primary keys) of its best hits, best first. */
    record SessionHits(long sessionPk, long hitCount, List<Long> bestTurns) {
    }

    /**
     * Best matches first (bm25), then newest; a scan has no rank and is newest first. {@code owner}
     * null means every owner. The snippet wraps each matched term in {@code open} and {@code close};
     * a scan returns the whole content as its snippet, for the caller to cut.
     */
    default List<SearchHitRow> search(FtsQuery query, SearchFilters filters, int limit, long offset, String open,
                                      String close) {
        Matching matching = new Matching(query, List.of());
        String driver = matching.driver();
        String sql = "SELECT s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.project, s.meta,\n"
                + "       t.turn_id, t.seq, t.role, t.timestamp,\n"
                + (driver == null ? "       t.content AS snippet\n"
                        : "       snippet(" + driver + ", 0, :open, :close, '…', "
                        + (driver.equals("turns_fts") ? SNIPPET_WORDS : SNIPPET_TRIGRAMS) + ") AS snippet\n")
                + matching.fromWhere()
                + " ORDER BY " + matching.rank() + ", t.timestamp DESC\n"
                + " LIMIT :limit OFFSET :offset";
        Query statement = matching.bind(getHandle().createQuery(sql), filters)
                .bind("limit", limit).bind("offset", offset);
        if (driver != null) {
            statement.bind("open", open).bind("close", close);
        }
        return statement.map(new SearchHitRowMapper()).list();
    }

    /** The same hits, limited to the given turns (primary keys) and in no particular order. */
    default Map<Long, SearchHitRow> hitsAmong(FtsQuery query, Collection<Long> turnPks, String open, String close) {
        if (turnPks.isEmpty()) {
            return Map.of();
        }
        Matching matching = new Matching(query, List.copyOf(turnPks));
        String driver = matching.driver();
        String sql = "SELECT s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.project, s.meta, t.id AS turn_pk,\n"
                + "       t.turn_id, t.seq, t.role, t.timestamp,\n"
                + (driver == null ? "       t.content AS snippet\n"
                        : "       snippet(" + driver + ", 0, :open, :close, '…', "
                        + (driver.equals("turns_fts") ? SNIPPET_WORDS : SNIPPET_TRIGRAMS) + ") AS snippet\n")
                + matching.fromWhere();
        Query statement = matching.bind(getHandle().createQuery(sql), SearchFilters.of(null, null, null));
        if (driver != null) {
            statement.bind("open", open).bind("close", close);
        }
        SearchHitRowMapper hit = new SearchHitRowMapper();
        return statement.map((rs, ctx) -> Map.entry(rs.getLong("turn_pk"), hit.map(rs, ctx))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * One page of sessions holding hits, best first: a session ranks by its best hit (bm25, lower is
     * better), then by its newest hit; each comes with its hit count and its best {@link #HITS_PER_SESSION}
     * turns. {@code limit} and {@code offset} count sessions.
     */
    default List<SessionHits> sessions(FtsQuery query, SearchFilters filters, int limit, long offset) {
        Matching matching = new Matching(query, List.of());
        // MATERIALIZED: flattened into the aggregate below, bm25() would run where FTS5 cannot answer it.
        String sql = "WITH hits AS MATERIALIZED (SELECT t.id AS turn_pk, t.session_pk, " + matching.rank() + " AS rank, t.timestamp\n"
                + matching.fromWhere() + "),\n"
                + """
                page AS (SELECT session_pk, min(rank) AS best, max(timestamp) AS latest, count(*) AS hit_count
                           FROM hits GROUP BY session_pk
                          ORDER BY best, latest DESC, session_pk LIMIT :limit OFFSET :offset),
                ranked AS (SELECT hits.session_pk, hits.turn_pk,
                                  row_number() OVER (PARTITION BY hits.session_pk
                                                     ORDER BY hits.rank, hits.timestamp DESC) AS n
                             FROM hits JOIN page ON page.session_pk = hits.session_pk)
                SELECT page.session_pk, page.hit_count, ranked.turn_pk
                  FROM page JOIN ranked ON ranked.session_pk = page.session_pk
                 WHERE ranked.n <= :perSession
                 ORDER BY page.best, page.latest DESC, page.session_pk, ranked.n
                """;
        List<Map<String, Object>> rows = matching.bind(getHandle().createQuery(sql), filters)
                .bind("limit", limit).bind("offset", offset).bind("perSession", HITS_PER_SESSION)
                .mapToMap().list();
        Map<Long, List<Map<String, Object>>> bySession = rows.stream().collect(Collectors.groupingBy(
                row -> ((Number) row.get("session_pk")).longValue(), LinkedHashMap::new, Collectors.toList()));
        return bySession.entrySet().stream().map(entry -> new SessionHits(entry.getKey(),
                        ((Number) entry.getValue().get(0).get("hit_count")).longValue(),
                        entry.getValue().stream().map(row -> ((Number) row.get("turn_pk")).longValue()).toList()))
                .toList();
    }

    /** The FROM and WHERE clauses (and their bindings) that find the turns matching a query. */
    record Matching(FtsQuery query, List<Long> among) {

        String driver() {
            return query.words() != null ? "turns_fts" : query.substrings() != null ? "turns_trigram" : null;
        }

        /** Lower is better; a scan has no rank, so the newest come first. */
        String rank() {
            return driver() == null ? "-t.timestamp" : "bm25(" + driver() + ")";
        }

        String fromWhere() {
            String driver = driver();
            StringBuilder sql = new StringBuilder();
            if (driver == null) {
                sql.append("""
                          FROM turns t
                          JOIN sessions s ON s.id = t.session_pk
                         WHERE 1 = 1
                        """);
            } else {
                sql.append("  FROM ").append(driver).append('\n')
                        .append("  JOIN turns t ON t.id = ").append(driver).append(".rowid\n")
                        .append("  JOIN sessions s ON s.id = t.session_pk\n")
                        .append(" WHERE ").append(driver).append(" MATCH :driverQuery\n");
            }
            if (query.words() != null && query.substrings() != null) {
                sql.append("   AND t.id IN (SELECT rowid FROM turns_trigram WHERE turns_trigram MATCH :substrings)\n");
            }
            for (int i = 0; i < query.shortSubstrings().size(); i++) {
                sql.append("   AND t.content LIKE :like").append(i).append(" ESCAPE '!'\n");
            }
            if (!among.isEmpty()) {
                sql.append("   AND t.id IN (<turnPks>)\n");
            }
            sql.append("""
                       AND (:owner IS NULL OR s.owner = :owner)
                       AND (:tool IS NULL OR s.tool = :tool)
                       AND (:host IS NULL OR s.host = :host)
                       AND (:project IS NULL OR s.project = :project OR s.project LIKE :projectPrefix ESCAPE '!')
                       AND (:since IS NULL OR t.timestamp >= :since)
                       AND (:until IS NULL OR t.timestamp <= :until)
                       AND (:role IS NULL OR t.role = :role)
                       AND (:kind IS NULL OR t.kind = :kind)
                    """);
            return sql.toString();
        }

        Query bind(Query statement, SearchFilters filters) {
            statement.bind("owner", filters.owner()).bind("tool", filters.tool()).bind("host", filters.host())
                    .bind("project", filters.project()).bind("projectPrefix", filters.projectPrefix())
                    .bind("since", filters.since()).bind("until", filters.until())
                    .bind("role", filters.role()).bind("kind", filters.kind());
            if (driver() != null) {
                statement.bind("driverQuery", query.words() != null ? query.words() : query.substrings());
            }
            if (query.words() != null && query.substrings() != null) {
                statement.bind("substrings", query.substrings());
            }
            List<String> scanned = query.shortSubstrings();
            for (int i = 0; i < scanned.size(); i++) {
                statement.bind("like" + i, FtsQuery.likePattern(scanned.get(i)));
            }
            if (!among.isEmpty()) {
                statement.bindList("turnPks", among);
            }
            return statement;
        }
    }
}
