package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One page of the session list, echoing the effective (clamped) paging values. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionPage(
        @JsonProperty("sessions") List<Session> sessions,
        @JsonProperty("limit") int limit,
        @JsonProperty("offset") long offset) {
}
