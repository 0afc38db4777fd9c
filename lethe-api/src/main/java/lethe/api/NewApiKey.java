package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v1/keys}.
 *
 * @param name          what the key is for, e.g. the machine it goes on (1-100 characters)
 * @param expiresInDays days until the key stops working; absent for a key that never expires
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewApiKey(
        @JsonProperty("name") String name,
        @JsonProperty("expires_in_days") Integer expiresInDays) {
}
