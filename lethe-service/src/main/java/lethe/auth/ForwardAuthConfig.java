package lethe.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code auth.forward_auth:} — identity injected by a reverse proxy running forward-auth (Authelia). */
public class ForwardAuthConfig {

    /**
     * Null when the file does not say: forward-auth is then on, except in local mode, which excludes it.
     * Only an explicit {@code true} next to {@code auth.local_user} is a conflict.
     */
    @JsonProperty("enabled")
    private Boolean enabled;

    @NotBlank
    @JsonProperty("user_header")
    private String userHeader = "Remote-User";

    @NotBlank
    @JsonProperty("groups_header")
    private String groupsHeader = "Remote-Groups";

    @NotNull
    @NotEmpty
    @JsonProperty("trusted_proxies")
    private List<@NotNull @CidrBlock String> trustedProxies = new ArrayList<>(List.of("127.0.0.1/32", "::1/128"));

    /**
     * When set, the identity header is believed only next to {@link #proxySecretHeader} carrying this
     * value: then another process or Unix user on a shared host cannot pose as the proxy from loopback.
     */
    @JsonProperty("proxy_secret")
    private String proxySecret;

    @NotBlank
    @JsonProperty("proxy_secret_header")
    private String proxySecretHeader = "Lethe-Proxy-Secret";

    public Optional<String> getProxySecret() {
        return Optional.ofNullable(proxySecret).filter(secret -> !secret.isEmpty());
    }

    public String getProxySecretHeader() {
        return proxySecretHeader;
    }

    /** Whether forward-auth is on outside local mode: unless the configuration turns it off. */
    @JsonIgnore
    public boolean isEnabled() {
        return !Boolean.FALSE.equals(enabled);
    }

    /** Whether the configuration says {@code enabled: true} in so many words. */
    @JsonIgnore
    public boolean isExplicitlyEnabled() {
        return Boolean.TRUE.equals(enabled);
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getUserHeader() {
        return userHeader;
    }

    public String getGroupsHeader() {
        return groupsHeader;
    }

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }
}
