package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code GET /api/v1/deleted-sessions}: the caller's deleted sessions that have not been sent again since. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeletedSessionList(@JsonProperty("sessions") List<DeletedSession> sessions) {
}
