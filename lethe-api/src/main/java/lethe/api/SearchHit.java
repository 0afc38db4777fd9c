package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A turn that matched a search, with enough of its session to link to it.
 *
 * @param snippet  the matching passage; matched words are wrapped in « and »
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(
        @JsonProperty("owner") String owner,
        @JsonProperty("tool") String tool,
        @JsonProperty("host") String host,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("title") String title,
        @JsonProperty("turn_id") String turnId,
        @JsonProperty("seq") long seq,
        @JsonProperty("role") String role,
        @JsonProperty("timestamp") double timestamp,
        @JsonProperty("snippet") String snippet) {
}
