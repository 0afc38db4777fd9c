package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * One line of the ingest NDJSON stream: a single turn of a session, as a collector sends it.
 *
 * <p>Unknown fields are ignored so that newer collectors keep working against older servers. There
 * is deliberately no owner: the server always stores a turn under the authenticated caller.
 *
 * @param kind      optional finer classification of the turn's content, e.g. {@code text},
 *                  {@code thinking}, {@code tool_use}, {@code tool_result}; lets a reader fold tool output
 * @param toolName  optional name of the tool a {@code tool_use}/{@code tool_result} turn belongs to (v1; v2
 *                  collectors send {@code tool_call} and may keep this as the call's name)
 * @param toolCall  v2, on {@code kind: tool_use}: the call with its input as a JSON object; {@code content}
 *                  is then a one-line summary for search and v1 readers
 * @param toolResult v2, on {@code kind: tool_result}: the call answered and whether it failed;
 *                  {@code content} is the output exactly
 * @param attachments v2: images sent with the turn
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnEvent(
        @JsonProperty("tool") String tool,
        @JsonProperty("host") String host,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("turn_id") String turnId,
        @JsonProperty("seq") Long seq,
        @JsonProperty("role") String role,
        @JsonProperty("timestamp") Double timestamp,
        @JsonProperty("content") String content,
        @JsonProperty("session_meta") Map<String, Object> sessionMeta,
        @JsonProperty("model") String model,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("kind") String kind,
        @JsonProperty("tool_name") String toolName,
        @JsonProperty("tool_call") ToolCall toolCall,
        @JsonProperty("tool_result") ToolResult toolResult,
        @JsonProperty("attachments") List<Attachment> attachments) {

    /** The same turn with another session meta. */
    public TurnEvent withSessionMeta(Map<String, Object> meta) {
        return new TurnEvent(tool, host, sessionId, turnId, seq, role, timestamp, content, meta, model, usage, kind,
                toolName, toolCall, toolResult, attachments);
    }

    /** The same turn with other content. */
    public TurnEvent withContent(String newContent) {
        return new TurnEvent(tool, host, sessionId, turnId, seq, role, timestamp, newContent, sessionMeta, model, usage,
                kind, toolName, toolCall, toolResult, attachments);
    }

    /** The turn without the optional fields; handy for collectors that send plain text turns. */
    public static TurnEvent of(String tool, String host, String sessionId, String turnId,
                               long seq, Role role, double timestamp, String content) {
        return new TurnEvent(tool, host, sessionId, turnId, seq, role.wireName(), timestamp, content,
                null, null, null, null, null, null, null, null);
    }
}
