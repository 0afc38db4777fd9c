package lethe.auth.oidc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;

/**
 * {@code auth.oidc:} — bearer JWTs issued by an OpenID Connect provider (Authelia, Keycloak, Authentik…).
 * lethe only verifies tokens: it issues none and holds no client secret.
 */
public class OidcConfig {

    @JsonProperty("enabled")
    private boolean enabled = false;

    /** Exactly the provider's {@code issuer} (tokens' {@code iss} and the discovery document must equal it). */
    @JsonProperty("issuer")
    private String issuer;

    /** The value the token's {@code aud} must contain: the client id or API audience lethe is registered as. */
    @JsonProperty("audience")
    private String audience;

    @NotBlank
    @JsonProperty("username_claim")
    private String usernameClaim = "preferred_username";

    @NotBlank
    @JsonProperty("groups_claim")
    private String groupsClaim = "groups";

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
    @JsonProperty("clock_skew")
    private Duration clockSkew = Duration.seconds(60);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 7, unit = TimeUnit.DAYS)
    @JsonProperty("jwks_cache_lifetime")
    private Duration jwksCacheLifetime = Duration.minutes(15);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    @JsonProperty("jwks_min_refetch_interval")
    private Duration jwksMinRefetchInterval = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty("connect_timeout")
    private Duration connectTimeout = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 2, unit = TimeUnit.MINUTES)
    @JsonProperty("read_timeout")
    private Duration readTimeout = Duration.seconds(10);

    @JsonIgnore
    @ValidationMethod(message = "auth.oidc.issuer is required when auth.oidc.enabled is true")
    public boolean isIssuerSetWhenEnabled() {
        return !enabled || (issuer != null && !issuer.isBlank());
    }

    @JsonIgnore
    @ValidationMethod(message = "auth.oidc.audience is required when auth.oidc.enabled is true")
    public boolean isAudienceSetWhenEnabled() {
        return !enabled || (audience != null && !audience.isBlank());
    }

    @JsonIgnore
    @ValidationMethod(message = "auth.oidc.issuer must be an http(s) URL with a host and no query or fragment,"
            + " written exactly as the provider's tokens carry it in 'iss'")
    public boolean isIssuerAUrl() {
        if (issuer == null || issuer.isBlank()) {
            return true;
        }
        try {
            URI uri = new URI(issuer);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public String getUsernameClaim() {
        return usernameClaim;
    }

    public String getGroupsClaim() {
        return groupsClaim;
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public Duration getJwksCacheLifetime() {
        return jwksCacheLifetime;
    }

    public Duration getJwksMinRefetchInterval() {
        return jwksMinRefetchInterval;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }
}
