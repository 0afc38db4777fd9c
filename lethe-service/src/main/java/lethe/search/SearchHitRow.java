package lethe.search;

import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * One matching turn (its primary key {@code turnPk}) with the session it belongs to, as the search query
 * returns it: of the session's meta only its title ({@code metaTitle}, null unless a string), never the
 * whole meta, which may be megabytes.
 */
public record SearchHitRow(long turnPk, String owner, String tool, String host, String sessionId,
                           @ColumnName("first_user_text") String sessionTitle, String project,
                           String metaTitle, String turnId, long seq, String role,
                           double timestamp, String snippet) {
}
