package lethe.search;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The two full-text indexes' progress through the turns table (changeSets 30-turns-fts-deferred and
 * 60-turns-trigram): turns_fts (words, and each turn's owner since 83-turns-fts-owner) has indexed every
 * turn up to indexed_up_to, turns_trigram (substrings) every turn up to trigram_up_to. Turns are only ever
 * added with higher ids.
 */
public interface SearchIndexDao {

    /**
     * Turns stored but not yet searchable through both indexes: the larger of the two differences, so
     * a database being re-indexed for substrings says so.
     */
    @SqlQuery("""
            SELECT coalesce((SELECT max(id) FROM turns), 0) - min(indexed_up_to, trigram_up_to) FROM fts_progress
            """)
    long pending();

    /** Turns stored but not yet in the word index. */
    @SqlQuery("SELECT coalesce((SELECT max(id) FROM turns), 0) - indexed_up_to FROM fts_progress")
    long pendingWords();

    @SqlQuery("SELECT indexed_up_to FROM fts_progress")
    long indexedUpTo();

    @SqlQuery("SELECT trigram_up_to FROM fts_progress")
    long trigramUpTo();

    /** Where a batch of at most {@code limit} turns after {@code after} ends. */
    @SqlQuery("SELECT coalesce(max(id), :after) FROM (SELECT id FROM turns WHERE id > :after ORDER BY id LIMIT :limit)")
    long batchEnd(@Bind("after") long after, @Bind("limit") int limit);

    /**
     * One statement for the whole batch: FTS5 writes one segment for it rather than one per turn. The
     * columns come from the index's own content view, which says how the owner token is made (changeSet
     * 83-turns-fts-owner).
     */
    @SqlUpdate("""
            INSERT INTO turns_fts (rowid, content, owner)
            SELECT id, content, owner FROM turns_fts_source WHERE id > :after AND id <= :upTo
            """)
    void index(@Bind("after") long after, @Bind("upTo") long upTo);

    @SqlUpdate("UPDATE fts_progress SET indexed_up_to = :upTo")
    void markIndexed(@Bind("upTo") long upTo);

    /** The same for the substring index. */
    @SqlUpdate("""
            INSERT INTO turns_trigram (rowid, content) SELECT id, content FROM turns WHERE id > :after AND id <= :upTo
            """)
    void indexTrigrams(@Bind("after") long after, @Bind("upTo") long upTo);

    @SqlUpdate("UPDATE fts_progress SET trigram_up_to = :upTo")
    void markTrigramsIndexed(@Bind("upTo") long upTo);
}
