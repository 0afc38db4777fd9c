package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A sub-agent run spawned from a session, as the session detail lists it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subagent(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("title") String title,
        @JsonProperty("turn_id") String turnId,
        @JsonProperty("turn_count") long turnCount) {
}
