package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One page of search results, best match first, echoing the query and the effective paging values.
 * {@code indexPending} counts stored turns not yet searchable (a large import is indexed in the
 * background); 0 means the results cover everything stored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchPage(
        @JsonProperty("q") String query,
        @JsonProperty("hits") List<SearchHit> hits,
        @JsonProperty("limit") int limit,
        @JsonProperty("offset") long offset,
        @JsonProperty("index_pending") long indexPending) {
}
