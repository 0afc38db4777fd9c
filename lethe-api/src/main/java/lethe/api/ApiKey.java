package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An API key as lethe lists it: never the secret, never its hash. Times are Unix seconds.
 *
 * @param id         the key's public id; it is also written inside the secret ({@code lethe_<id>_…}),
 *                   so a user can tell which key a machine holds, and it is what revoking takes
 * @param prefix     the start of the secret as it can safely be displayed, e.g. {@code lethe_4kTq9ZpWmB2x_…}
 * @param status     {@code active}, {@code expired} or {@code revoked}
 * @param lastUsedAt when the key last authenticated a request (to within a minute), absent if never
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(
        @JsonProperty("id") String id,
        @JsonProperty("owner") String owner,
        @JsonProperty("name") String name,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("status") String status,
        @JsonProperty("created_at") double createdAt,
        @JsonProperty("expires_at") Double expiresAt,
        @JsonProperty("revoked_at") Double revokedAt,
        @JsonProperty("last_used_at") Double lastUsedAt) {

    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";
}
