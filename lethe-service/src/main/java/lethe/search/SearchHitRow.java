package lethe.search;

import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** One matching turn with the session it belongs to, as the search query returns it. */
public record SearchHitRow(String owner, String tool, String host, String sessionId,
                           @ColumnName("first_user_text") String sessionTitle, @ColumnName("meta") String metaJson,
                           String turnId, long seq, String role, double timestamp, String snippet) {
}
