package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An RFC 7807 problem body ({@code application/problem+json}) with lethe's machine-readable
 * {@code code} extension, e.g. {@code INVALID}, {@code UNAUTHORIZED}, {@code PAYLOAD_TOO_LARGE}.
 *
 * @param errorId  set on server errors: the id under which the failure was logged
 * @param line     set when the problem concerns one line of an NDJSON body (1-based)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("code") String code,
        @JsonProperty("instance") String instance,
        @JsonProperty("error_id") String errorId,
        @JsonProperty("line") Long line) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
