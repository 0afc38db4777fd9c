package lethe.search;

import lethe.db.SqlDialect;
import org.jdbi.v3.core.Handle;

/**
 * Where a database keeps the turns that are stored but not yet searchable, and how a batch of them is
 * indexed. {@link SearchIndexer} decides when; this says how, for each database.
 */
sealed interface SearchIndex permits SearchIndex.FtsTables, SearchIndex.WordsColumn {

    static SearchIndex of(SqlDialect dialect) {
        return dialect == SqlDialect.POSTGRESQL ? new WordsColumn() : new FtsTables();
    }

    /**
     * Turns stored but not yet searchable: by words and substrings both, or, with {@code substrings} false,
     * by words.
     */
    long pending(Handle handle, boolean substrings);

    /**
     * Whether every turn up to {@code turnId} (primary key) is searchable by words and, with {@code substrings},
     * by substrings; a cheap look, unlike counting what is pending.
     */
    boolean indexedUpTo(Handle handle, long turnId, boolean substrings);

    /** The primary key of the newest turn stored, 0 when there is none. */
    static long newestTurn(Handle handle) {
        return handle.createQuery("SELECT coalesce(max(id), 0) FROM turns").mapTo(Long.class).one();
    }

    /**
     * Makes up to {@code limit} pending turns searchable, oldest first, by words and, with {@code substrings},
     * by substrings too; runs inside a write transaction.
     */
    void indexBatch(Handle handle, int limit, boolean substrings);

    /**
     * SQLite: two FTS5 tables (words, trigrams), each indexed up to a mark in {@code fts_progress}. The
     * trigram index costs several times the word index to fill, so a search by words leaves it to the
     * background.
     */
    final class FtsTables implements SearchIndex {

        @Override
        public long pending(Handle handle, boolean substrings) {
            SearchIndexDao dao = handle.attach(SearchIndexDao.class);
            return substrings ? dao.pending() : dao.pendingWords();
        }

        @Override
        public boolean indexedUpTo(Handle handle, long turnId, boolean substrings) {
            SearchIndexDao dao = handle.attach(SearchIndexDao.class);
            return turnId <= dao.indexedUpTo() && (!substrings || turnId <= dao.trigramUpTo());
        }

        @Override
        public void indexBatch(Handle handle, int limit, boolean substrings) {
            SearchIndexDao dao = handle.attach(SearchIndexDao.class);
            long after = dao.indexedUpTo();
            long upTo = dao.batchEnd(after, limit);
            if (upTo > after) {
                dao.index(after, upTo);
                dao.markIndexed(upTo);
            }
            if (!substrings) {
                return;
            }
            // The substring index has its own progress: after the migration that added it, it starts
            // from the first turn while the word index is already complete.
            long trigramsAfter = dao.trigramUpTo();
            long trigramsUpTo = dao.batchEnd(trigramsAfter, limit);
            if (trigramsUpTo > trigramsAfter) {
                dao.indexTrigrams(trigramsAfter, trigramsUpTo);
                dao.markTrigramsIndexed(trigramsUpTo);
            }
        }
    }

    /**
     * PostgreSQL: the turn's own {@code content_tsv}, NULL while pending (changeSet pg-80-deferred-search-index);
     * setting it also brings the turn into the partial trigram index. Pending turns are taken
     * {@code FOR UPDATE SKIP LOCKED}: the indexers of several replicas share the work and never wait on
     * each other or index a turn twice. One column serves words and substrings.
     */
    final class WordsColumn implements SearchIndex {

        @Override
        public long pending(Handle handle, boolean substrings) {
            return handle.createQuery("SELECT count(*) FROM turns WHERE content_tsv IS NULL").mapTo(Long.class).one();
        }

        @Override
        public boolean indexedUpTo(Handle handle, long turnId, boolean substrings) {
            return handle.createQuery("SELECT NOT EXISTS (SELECT 1 FROM turns WHERE content_tsv IS NULL AND id <= :id)")
                    .bind("id", turnId).mapTo(Boolean.class).one();
        }

        @Override
        public void indexBatch(Handle handle, int limit, boolean substrings) {
            // Words are runs of letters and digits, as FTS5's unicode61 tokenizer sees them on SQLite; only the
            // first 100 000 characters count, which keeps every vector under PostgreSQL's 1 MB limit.
            handle.createUpdate("""
                    UPDATE turns
                       SET content_tsv = to_tsvector('lethe'::regconfig,
                                                     regexp_replace(left(content, 100000), '[^[:alnum:]]+', ' ', 'g'))
                     WHERE id IN (SELECT id FROM turns WHERE content_tsv IS NULL
                                   ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)
                    """).bind("limit", limit).execute();
        }
    }
}
