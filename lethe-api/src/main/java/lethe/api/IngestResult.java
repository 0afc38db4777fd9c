package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer to an ingest request. {@code accepted} counts the lines now durably stored (re-sent
 * duplicates included); a collector advances its offset by it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IngestResult(
        @JsonProperty("accepted") long accepted,
        @JsonProperty("errors") List<LineError> errors) {

    /** A rejected line: its 1-based number in the request body and what was wrong with it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LineError(
            @JsonProperty("line") long line,
            @JsonProperty("error") String error) {
    }
}
