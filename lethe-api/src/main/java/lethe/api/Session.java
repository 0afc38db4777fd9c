package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A session as the API returns it: identity, derived activity columns and the merged meta.
 * Times are Unix seconds (fractional where the turns were).
 *
 * @param title  the meta's {@code title} when a collector supplied one, else the start of the first user turn
 * @param usage  token totals over the session's turns; fields are absent when no turn reported them
 * @param project  the project directory: {@code meta.cwd}
 * @param parent   for a sub-agent run, the session and turn that spawned it
 * @param subagentCount  how many sub-agent runs this session spawned (absent when none)
 * @param costUsd  the priced cost of the session's turns in US dollars; absent when a turn's model has no price
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Session(
        @JsonProperty("owner") String owner,
        @JsonProperty("tool") String tool,
        @JsonProperty("host") String host,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("title") String title,
        @JsonProperty("started_at") Double startedAt,
        @JsonProperty("last_activity_at") Double lastActivityAt,
        @JsonProperty("turn_count") long turnCount,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("meta") Map<String, Object> meta,
        @JsonProperty("created_at") double createdAt,
        @JsonProperty("updated_at") double updatedAt,
        @JsonProperty("project") String project,
        @JsonProperty("parent") SessionParent parent,
        @JsonProperty("subagent_count") Long subagentCount,
        @JsonProperty("cost_usd") Double costUsd) {
}
