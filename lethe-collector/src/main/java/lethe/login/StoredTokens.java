package lethe.login;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * What {@code login} keeps in {@code tokens.json}: the tokens, and everything needed to refresh them
 * later without asking the user again (issuer, client id, token endpoint).
 *
 * @param expiresAt Unix seconds when the access token expires; absent when the provider did not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredTokens(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("scope") String scope) {

    /** From a successful token answer; a provider that does not rotate refresh tokens sends none, so the old one stays. */
    static StoredTokens fromTokenAnswer(JsonNode answer, String issuer, String clientId, String tokenEndpoint,
                                        Instant now, String previousRefreshToken) {
        if (!answer.hasNonNull("access_token")) {
            throw new LoginException("The provider's token answer has no access_token.");
        }
        Long expiresAt = answer.hasNonNull("expires_in") ? now.getEpochSecond() + answer.get("expires_in").asLong() : null;
        return new StoredTokens(issuer, clientId, tokenEndpoint, answer.get("access_token").asText(),
                answer.hasNonNull("refresh_token") ? answer.get("refresh_token").asText() : previousRefreshToken,
                expiresAt, answer.path("scope").asText(null));
    }

    /** True unless the access token is known to expire within {@code marginSeconds} of {@code now}. */
    boolean isFreshAt(Instant now, long marginSeconds) {
        return expiresAt == null || now.getEpochSecond() + marginSeconds < expiresAt;
    }

    /** Never the tokens themselves. */
    @Override
    public String toString() {
        return "StoredTokens[issuer=" + issuer + ", client_id=" + clientId + ", expires_at=" + expiresAt + "]";
    }
}
