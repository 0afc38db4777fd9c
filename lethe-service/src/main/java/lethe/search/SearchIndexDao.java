package lethe.search;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The full-text index's progress through the turns table (see changeSet 30-turns-fts-deferred). */
public interface SearchIndexDao {

    /** Turns stored but not yet searchable. Turn ids only grow, so this is a difference of two ids. */
    @SqlQuery("SELECT coalesce((SELECT max(id) FROM turns), 0) - indexed_up_to FROM fts_progress")
    long pending();

    @SqlQuery("SELECT indexed_up_to FROM fts_progress")
    long indexedUpTo();

    /** Where a batch of at most {@code limit} turns after {@code after} ends. */
    @SqlQuery("SELECT coalesce(max(id), :after) FROM (SELECT id FROM turns WHERE id > :after ORDER BY id LIMIT :limit)")
    long batchEnd(@Bind("after") long after, @Bind("limit") int limit);

    /** One statement for the whole batch: FTS5 writes one segment for it rather than one per turn. */
    @SqlUpdate("INSERT INTO turns_fts (rowid, content) SELECT id, content FROM turns WHERE id > :after AND id <= :upTo")
    void index(@Bind("after") long after, @Bind("upTo") long upTo);

    @SqlUpdate("UPDATE fts_progress SET indexed_up_to = :upTo")
    void markIndexed(@Bind("upTo") long upTo);
}
