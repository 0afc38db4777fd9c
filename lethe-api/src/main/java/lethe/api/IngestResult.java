package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The answer to an ingest request. {@code accepted} counts the lines now durably stored (re-sent
 * duplicates included); a collector advances its offset by it. {@code redacted} counts the secrets
 * replaced by a marker before anything was stored (0 from a server that does not redact).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"accepted", "redacted", "errors"})
public record IngestResult(
        @JsonProperty("accepted") long accepted,
        @JsonProperty("errors") List<LineError> errors,
        @JsonProperty("redacted") long redacted) {

    /** An answer without redactions. */
    public IngestResult(long accepted, List<LineError> errors) {
        this(accepted, errors, 0);
    }

    /** A rejected line: its 1-based number in the request body and what was wrong with it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LineError(
            @JsonProperty("line") long line,
            @JsonProperty("error") String error) {
    }
}
