package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One stored turn, as part of a {@link SessionDetail}: the fields as the collector sent them, except that
 * attachments are listed with the URL of their bytes instead of the bytes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Turn(
        @JsonProperty("turn_id") String turnId,
        @JsonProperty("seq") long seq,
        @JsonProperty("role") String role,
        @JsonProperty("timestamp") double timestamp,
        @JsonProperty("content") String content,
        @JsonProperty("model") String model,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("kind") String kind,
        @JsonProperty("tool_name") String toolName,
        @JsonProperty("tool_call") ToolCall toolCall,
        @JsonProperty("tool_result") ToolResult toolResult,
        @JsonProperty("attachments") List<StoredAttachment> attachments) {
}
