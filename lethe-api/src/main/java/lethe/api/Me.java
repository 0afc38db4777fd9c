package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code GET /api/v1/me}: who lethe takes the caller to be.
 *
 * @param mode how the caller got in: {@code local} (local single-user mode, no sign-in at all),
 *             {@code forward-auth}, {@code oidc} or {@code api-key}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Me(
        @JsonProperty("user") String user,
        @JsonProperty("admin") boolean admin,
        @JsonProperty("mode") String mode,
        @JsonProperty("groups") List<String> groups) {
}
