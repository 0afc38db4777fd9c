package lethe.search;

import lethe.db.SqlDialect;
import lethe.files.FileFilter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Full-text search over turn content, always scoped to one owner unless an admin asked for all. Which
 * index drives the query depends on the terms ({@link FtsQuery}) and the database ({@link Matching}); the
 * other kinds of terms narrow what the driving index found. One query text per statement for both
 * databases, with the matching, rank and snippet written by {@link Matching}.
 */
@RegisterConstructorMapper(SearchHitRow.class)
public interface SearchDao extends SqlObject {

    /** Words around a match in a snippet; a trigram counts as a token, so substrings need more of them. */
    int SNIPPET_WORDS = 16;
    int SNIPPET_TRIGRAMS = 48;
    /** What every hit query selects, before its snippet. */
    String HIT_COLUMNS = """
            SELECT t.id AS turn_pk, s.owner, s.tool, s.host, s.session_id, s.first_user_text, s.project,
                   <metaTitle> AS meta_title,
                   t.turn_id, t.seq, t.role, t.timestamp,
            """;

    /** Hits shown per session in grouped results. */
    int HITS_PER_SESSION = 3;

    /**
     * A query matching more turns than this ranks only the newest this many (with every filter applied): a
     * common word must not score every matching turn of the store to answer one page. Below it, every match
     * is ranked, as before.
     */
    int RANKED_NEWEST = 5_000;

    /**
     * The same matching, bounded to the newest {@link #RANKED_NEWEST} matching turns when more match. Finding
     * where they start walks the index newest first (FTS5 and PostgreSQL's primary key both can) without
     * ranking anything, and only when the driving index alone holds more matches than that.
     */
    default Matching newestRanked(Matching matching, SearchFilters filters) {
        if (matching.scan() || !matching.indexMatchesMoreThan(RANKED_NEWEST, filters.owner(), getHandle())) {
            return matching;
        }
        String sql = "SELECT t.id\n" + matching.fromWhere() + " ORDER BY " + matching.newestFirst()
                + " LIMIT 1 OFFSET :oldestRanked";
        return matching.bind(getHandle().createQuery(sql), filters).bind("oldestRanked", RANKED_NEWEST - 1)
                .mapTo(Long.class).findOne()
                .map(matching::from)
                .orElse(matching);
    }

    /** A session of a grouped result page, with the turns (primary keys) of its best hits, best first. */
    record SessionHits(long sessionPk, long hitCount, List<Long> bestTurns) {
    }

    /**
     * Best matches first (bm25), then newest; a scan has no rank and is newest first. {@code owner}
     * null means every owner. The snippet wraps each matched term in {@code open} and {@code close};
     * a scan returns the whole content as its snippet, for the caller to cut.
     */
    default List<SearchHitRow> search(Matching matching, SearchFilters filters, int limit, long offset,
                                      String open, String close) {
        String sql = HIT_COLUMNS + matching.snippet() + "\n" + matching.fromWhere()
                + " ORDER BY " + matching.rank() + ", t.timestamp DESC\n"
                + " LIMIT :limit OFFSET :offset";
        return matching.bindMarks(matching.bind(getHandle().createQuery(sql), filters), open, close)
                .bind("limit", limit).bind("offset", offset)
                .mapTo(SearchHitRow.class).list();
    }

    /** The same hits, limited to the given turns (primary keys) and in no particular order. */
    default Map<Long, SearchHitRow> hitsAmong(Matching matching, Collection<Long> turnPks, String open,
                                              String close) {
        if (turnPks.isEmpty()) {
            return Map.of();
        }
        Matching among = matching.among(List.copyOf(turnPks));
        String sql = HIT_COLUMNS + among.snippet() + "\n" + among.fromWhere();
        return among.bindMarks(among.bind(getHandle().createQuery(sql), SearchFilters.of(null, null, null)), open, close)
                .mapTo(SearchHitRow.class).list().stream()
                .collect(Collectors.toMap(SearchHitRow::turnPk, hit -> hit));
    }

    /**
     * One page of sessions holding hits, best first: a session ranks by its best hit (bm25, lower is
     * better), then by its newest hit; each comes with its hit count and its best {@link #HITS_PER_SESSION}
     * turns. {@code limit} and {@code offset} count sessions. Only the newest {@link #RANKED_NEWEST} matches
     * are ranked: on SQLite the query walks the word index newest first and stops there, in the same pass
     * that ranks them; on PostgreSQL {@link #newestRanked} finds where they start first.
     */
    default List<SessionHits> sessions(Matching unbounded, SearchFilters filters, int limit, long offset) {
        Matching matching = unbounded.walksNewestFirst() ? unbounded : newestRanked(unbounded, filters);
        // MATERIALIZED: flattened into the aggregate below, bm25() would run where FTS5 cannot answer it.
        String sql = "WITH hits AS MATERIALIZED (SELECT t.id AS turn_pk, t.session_pk, " + matching.rank() + " AS rank, t.timestamp\n"
                + matching.rankingFromWhere() + matching.newestOnly() + "),\n"
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

    /**
     * How a query finds its turns on one database: the FROM and WHERE clauses with their bindings, the rank
     * (lower is better) and the snippet.
     * <ul>
     * <li>SQLite: the word index (FTS5 unicode61) drives when there is a word, else the substring index (FTS5
     * trigram), else a scan for substrings of one or two characters ({@code LIKE}); ranked by bm25().</li>
     * <li>PostgreSQL: words match {@code content_tsv} (GIN, filled by the indexer), ranked by cover density; every
     * substring is an {@code ILIKE}, which pg_trgm's GIN index of indexed turns answers from three characters on. Without a
     * word there is no rank and the newest turns come first, as for SQLite's scan.</li>
     * </ul>
     * A query without a driving index ({@link #scan()}) returns the whole content as its snippet, for the
     * caller to cut ({@link #text}).
     */
    record Matching(FtsQuery query, SqlDialect dialect, List<Long> turnPks, long fromTurn) {

        /** A private-use character standing for '<' inside PostgreSQL's headline. */
        private static final char TAG_MASK = '\uE000';

        public static Matching of(FtsQuery query, SqlDialect dialect) {
            return new Matching(query, dialect, List.of(), 0);
        }

        Matching among(List<Long> turns) {
            return new Matching(query, dialect, turns, fromTurn);
        }

        /** Only turns from this one (primary key) on. */
        Matching from(long turnPk) {
            return new Matching(query, dialect, turnPks, turnPk);
        }

        /**
         * Whether the driving index alone, without the other terms or any filter but the owner where the index
         * knows it (SQLite's word index), matches more than {@code count} turns: when it does not, the query
         * cannot match more either, and the newest-first walk through turns and sessions need not run. Asks
         * the index only (FTS5's doclists, PostgreSQL's GIN index), which takes well under a millisecond for a
         * rare word.
         */
        boolean indexMatchesMoreThan(int count, String owner, Handle handle) {
            String sql = postgres()
                    ? """
                      SELECT 1 FROM turns t
                       WHERE t.content_tsv IS NOT NULL AND t.content_tsv @@ to_tsquery('lethe', :words)
                       LIMIT 1 OFFSET :count
                      """
                    : "SELECT 1 FROM " + driver() + " WHERE " + driver() + " MATCH :driverQuery LIMIT 1 OFFSET :count";
            Query probe = handle.createQuery(sql).bind("count", count);
            if (postgres()) {
                probe.bind("words", query.tsquery());
            } else {
                probe.bind("driverQuery", driverQuery(owner));
            }
            return probe.mapTo(Integer.class).findOne().isPresent();
        }

        /**
         * Whether a query can take its newest {@link #RANKED_NEWEST} matches in the walk that ranks them
         * ({@link #newestOnly}): SQLite's FTS5 tables walk their rowids newest first and stop at the limit.
         */
        boolean walksNewestFirst() {
            return !postgres() && driver() != null;
        }

        /** The clause ending a {@link #walksNewestFirst} query's matches at the newest {@link #RANKED_NEWEST}; else none. */
        String newestOnly() {
            return walksNewestFirst() ? " ORDER BY " + newestFirst() + " LIMIT " + RANKED_NEWEST + "\n" : "";
        }

        /** Newest turns first, in the order the driving index can walk without sorting. */
        String newestFirst() {
            return (postgres() ? "t.id" : driver() + ".rowid") + " DESC";
        }

        private boolean postgres() {
            return dialect == SqlDialect.POSTGRESQL;
        }

        /** The FTS5 table that drives the query on SQLite, or null. */
        private String driver() {
            if (postgres()) {
                return null;
            }
            return query.words() != null ? "turns_fts" : query.substrings() != null ? "turns_trigram" : null;
        }

        /**
         * What the driving FTS5 table is asked: the substrings, or the words in the word index's content
         * column, and there with the owner's token when the search is one owner's (changeSet
         * 83-turns-fts-owner), so that FTS5 itself keeps to that owner's turns. {@code owner} null: every owner.
         */
        private String driverQuery(String owner) {
            if (query.words() == null) {
                return query.substrings();
            }
            String words = "content : (" + query.words() + ")";
            return owner == null ? words : words + " AND owner : \"" + ownerToken(owner) + "\"";
        }

        /** The owner's token in the word index: as changeSet 83-turns-fts-owner's view makes it with SQL's hex(). */
        static String ownerToken(String owner) {
            return "u" + HexFormat.of().withUpperCase().formatHex(owner.getBytes(StandardCharsets.UTF_8));
        }

        boolean scan() {
            return postgres() ? query.tsquery() == null : driver() == null;
        }

        /** The terms a scan's snippet is cut around. */
        private List<String> scanned() {
            return postgres() ? query.allSubstrings() : query.shortSubstrings();
        }

        private List<String> likes() {
            return postgres() ? query.allSubstrings() : query.shortSubstrings();
        }

        String rank() {
            if (scan()) {
                return "-t.timestamp";
            }
            if (postgres()) {
                return "-ts_rank_cd(t.content_tsv, to_tsquery('lethe', :words))";
            }
            // The owner column weighs nothing: its token says whose a turn is, not what it is about.
            return driver().equals("turns_fts") ? "bm25(turns_fts, 1.0, 0.0)" : "bm25(" + driver() + ")";
        }

        String snippet() {
            if (scan()) {
                return "       t.content AS snippet";
            }
            if (postgres()) {
                // ts_headline drops whatever its parser takes for an HTML tag: '<' goes in as TAG_MASK and
                // comes back in text().
                return """
                               ts_headline('lethe', replace(left(t.content, 100000), '<', chr(%d)), to_tsquery('lethe', :words),
                                           'StartSel="' || :open || '", StopSel="' || :close || '", MaxWords=%d, MinWords=8, '
                                           || 'ShortWord=0, MaxFragments=1') AS snippet""".formatted((int) TAG_MASK, SNIPPET_WORDS);
            }
            return "       snippet(" + driver() + ", 0, :open, :close, '…', "
                    + (driver().equals("turns_fts") ? SNIPPET_WORDS : SNIPPET_TRIGRAMS) + ") AS snippet";
        }

        String fromWhere() {
            return fromWhere("turns t");
        }

        /**
         * The FROM and WHERE clauses of a query that reads only the columns of changeSet 85's
         * {@code turns_for_ranking} from a turn (id, session, time, role, kind): on SQLite, behind a driving
         * index and without a substring to look for in the content, the turns are read from that index instead
         * of the table (a common word's ranking read 5 000 table rows of several kilobytes each).
         */
        String rankingFromWhere() {
            return walksNewestFirst() && likes().isEmpty()
                    ? fromWhere("turns t INDEXED BY turns_for_ranking")
                    : fromWhere();
        }

        private String fromWhere(String turns) {
            String driver = driver();
            StringBuilder sql = new StringBuilder();
            if (postgres()) {
                // A turn's words are NULL until the indexer has seen it; the trigram index holds the indexed
                // turns only (changeSet pg-80-deferred-search-index), and says so by this same condition.
                sql.append("""
                          FROM turns t
                          JOIN sessions s ON s.id = t.session_pk
                         WHERE t.content_tsv IS NOT NULL
                        """);
                if (query.tsquery() != null) {
                    sql.append("   AND t.content_tsv @@ to_tsquery('lethe', :words)\n");
                }
            } else if (driver == null) {
                sql.append("""
                          FROM turns t
                          JOIN sessions s ON s.id = t.session_pk
                         WHERE 1 = 1
                        """);
            } else {
                sql.append("  FROM ").append(driver).append('\n')
                        .append("  JOIN ").append(turns).append(" ON t.id = ").append(driver).append(".rowid\n")
                        .append("  JOIN sessions s ON s.id = t.session_pk\n")
                        .append(" WHERE ").append(driver).append(" MATCH :driverQuery\n");
            }
            if (!postgres() && query.words() != null && query.substrings() != null) {
                sql.append("   AND t.id IN (SELECT rowid FROM turns_trigram WHERE turns_trigram MATCH :substrings)\n");
            }
            String like = postgres() ? "ILIKE" : "LIKE";
            for (int i = 0; i < likes().size(); i++) {
                sql.append("   AND t.content ").append(like).append(" :like").append(i).append(" ESCAPE '!'\n");
            }
            // Turns are picked on the driving index's own rowid, so that FTS5 starts its walk there rather than
            // walking every match of a common word to filter them (700 ms for 150 turns of `parser` at a million
            // turns). A list of turns is a range FTS5 walks once, with the list itself hidden from FTS5 by the
            // unary plus: offered the list, FTS5 starts its query over for each turn (60 turns spread over the
            // newest 5 000 matches of `parser`: 11 ms, in the range 3). The turns come from a ranking that
            // walked that range already.
            String turn = walksNewestFirst() ? driver + ".rowid" : "t.id";
            if (!turnPks.isEmpty() && walksNewestFirst()) {
                sql.append("   AND ").append(turn).append(" BETWEEN :firstTurn AND :lastTurn AND +").append(turn)
                        .append(" IN (<turnPks>)\n");
            } else if (!turnPks.isEmpty()) {
                sql.append("   AND ").append(turn).append(" IN (<turnPks>)\n");
            }
            if (fromTurn > 0) {
                sql.append("   AND ").append(turn).append(" >= :fromTurn\n");
            }
            sql.append("""
                       AND (:owner IS NULL OR s.owner = :owner)
                       AND (:tool IS NULL OR s.tool = :tool)
                       AND (:host IS NULL OR s.host = :host)
                       AND (:sessionId IS NULL OR s.session_id = :sessionId)
                       AND (:project IS NULL OR s.project = :project OR s.project LIKE :projectPrefix ESCAPE '!')
                       AND (:since IS NULL OR t.timestamp >= :since)
                       AND (:until IS NULL OR t.timestamp <= :until)
                       AND (:role IS NULL OR t.role = :role)
                       AND (:kind IS NULL OR t.kind = :kind)
                    """);
            sql.append(FileFilter.SESSION_CLAUSE);
            return sql.toString();
        }

        /**
         * The snippet to show from the one a hit query returned: a scan's whole content is cut around the
         * first match here; PostgreSQL's headline gets its '<' back.
         */
        public String text(String snippet, SearchService.Marks marks) {
            if (scan()) {
                return Snippets.around(snippet, scanned(), marks);
            }
            return postgres() ? snippet.replace(TAG_MASK, '<') : snippet;
        }

        /** The marks around matched words, which only a snippet from an index uses. */
        Query bindMarks(Query statement, String open, String close) {
            return scan() ? statement : statement.bind("open", open).bind("close", close);
        }

        Query bind(Query statement, SearchFilters filters) {
            statement.bind("owner", filters.owner()).bind("tool", filters.tool()).bind("host", filters.host())
                    .bind("sessionId", filters.sessionId())
                    .bind("project", filters.project()).bind("projectPrefix", filters.projectPrefix())
                    .bind("since", filters.since()).bind("until", filters.until())
                    .bind("role", filters.role()).bind("kind", filters.kind())
                    .bind("fileExact", filters.file().exact()).bind("fileBelow", filters.file().below())
                    .bind("fileEnd", filters.file().end());
            if (postgres()) {
                statement.bind("words", query.tsquery());
            } else if (driver() != null) {
                statement.bind("driverQuery", driverQuery(filters.owner()));
            }
            if (!postgres() && query.words() != null && query.substrings() != null) {
                statement.bind("substrings", query.substrings());
            }
            List<String> likes = likes();
            for (int i = 0; i < likes.size(); i++) {
                statement.bind("like" + i, FtsQuery.likePattern(likes.get(i)));
            }
            if (!turnPks.isEmpty()) {
                statement.bindList("turnPks", turnPks);
            }
            if (!turnPks.isEmpty() && walksNewestFirst()) {
                statement.bind("firstTurn", Collections.min(turnPks)).bind("lastTurn", Collections.max(turnPks));
            }
            if (fromTurn > 0) {
                statement.bind("fromTurn", fromTurn);
            }
            return statement;
        }
    }
}
