package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The key of a session its owner deleted for good; the server keeps the key, never the content, so an
 * importer can leave the session out of a re-import ({@code GET /api/v1/deleted-sessions}).
 *
 * @param deletedAt Unix seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeletedSession(
        @JsonProperty("tool") String tool,
        @JsonProperty("host") String host,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("deleted_at") double deletedAt) {
}
