package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A session that matched a search: how many of its turns matched and the best of them (a few), best first.
 *
 * @param project the session's project directory, when its collector said
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchSessionHit(
        @JsonProperty("owner") String owner,
        @JsonProperty("tool") String tool,
        @JsonProperty("host") String host,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("title") String title,
        @JsonProperty("project") String project,
        @JsonProperty("hit_count") long hitCount,
        @JsonProperty("hits") List<SearchHit> hits) {
}
