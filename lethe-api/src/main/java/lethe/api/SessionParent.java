package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The session and turn that spawned a sub-agent run (from its meta's {@code parent_session_id} and
 * {@code parent_turn_id}); same tool and host as the run.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionParent(
        @JsonProperty("tool") String tool,
        @JsonProperty("host") String host,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("turn_id") String turnId) {
}
