package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to creating a key: the only time the secret is ever shown. lethe keeps just its hash,
 * so a lost secret cannot be recovered; revoke the key and create another.
 *
 * @param secret send as {@code Authorization: Bearer <secret>}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreatedApiKey(
        @JsonProperty("secret") String secret,
        @JsonProperty("key") ApiKey key) {
}
