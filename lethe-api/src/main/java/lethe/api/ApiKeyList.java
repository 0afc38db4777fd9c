package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code GET /api/v1/keys}: the caller's keys (or, for an admin passing {@code owner=}, someone else's), newest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKeyList(@JsonProperty("keys") List<ApiKey> keys) {
}
