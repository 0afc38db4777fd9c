package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * A session's columns at the top level plus its turns ordered by {@code seq}, the sub-agent runs it spawned and
 * the files its tool calls read or changed, sorted by path ({@code files} is absent from older servers' answers).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionDetail(
        @JsonUnwrapped Session session,
        @JsonProperty("turns") List<Turn> turns,
        @JsonProperty("subagents") List<Subagent> subagents,
        @JsonProperty("files") List<SessionFile> files) {
}
