package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One page of search results, best match first, echoing the query and the effective paging values. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchPage(
        @JsonProperty("q") String query,
        @JsonProperty("hits") List<SearchHit> hits,
        @JsonProperty("limit") int limit,
        @JsonProperty("offset") long offset) {
}
