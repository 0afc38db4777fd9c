package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One page of search results grouped by session, best session first; {@code limit} and {@code offset}
 * count sessions. {@code indexPending} as in {@link SearchPage}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchGroupedPage(
        @JsonProperty("q") String query,
        @JsonProperty("sessions") List<SearchSessionHit> sessions,
        @JsonProperty("limit") int limit,
        @JsonProperty("offset") long offset,
        @JsonProperty("index_pending") long indexPending) {
}
