package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A tool call of a {@code tool_use} turn.
 *
 * @param id     the assistant's id for the call; a {@link ToolResult} names it in {@code call_id}
 * @param name   the tool's name as the assistant calls it ({@code Edit}, {@code shell}, {@code apply_patch}…)
 * @param input  the call's arguments exactly as sent, as a JSON object (never a JSON text in a string);
 *               a tool whose input is free text (Codex's {@code apply_patch}) has it under {@code input}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("input") Map<String, Object> input) {
}
