package lethe.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.List;

/** {@code auth.forward_auth:} — identity injected by a reverse proxy running forward-auth (Authelia). */
public class ForwardAuthConfig {

    @JsonProperty("enabled")
    private boolean enabled = true;

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

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
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
