package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a {@code tool_result} turn answers; the output itself is the turn's {@code content}, exactly as the
 * tool wrote it.
 *
 * @param callId   the {@link ToolCall#id()} this result answers
 * @param isError  true when the tool failed (a non-zero exit, an error status, a refused call)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolResult(
        @JsonProperty("call_id") String callId,
        @JsonProperty("is_error") Boolean isError) {
}
