package lethe.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import lethe.auth.oidc.OidcConfig;

import java.util.ArrayList;
import java.util.List;

/** {@code auth:} — who may come in, and how they prove it. */
public class AuthConfig {

    /** When set, lethe runs in local single-user mode as this user and every other way in is off. */
    @Pattern(regexp = "^[A-Za-z0-9._@:-]{1,256}$", message = "must be 1-256 letters, digits or . _ @ : -")
    @JsonProperty("local_user")
    private String localUser;

    @NotNull
    @JsonProperty("allowed_users")
    private List<@NotNull String> allowedUsers = new ArrayList<>();

    @NotNull
    @JsonProperty("admin_users")
    private List<@NotNull String> adminUsers = new ArrayList<>();

    @NotNull
    @JsonProperty("admin_groups")
    private List<@NotNull String> adminGroups = new ArrayList<>();

    @Valid
    @NotNull
    @JsonProperty("forward_auth")
    private ForwardAuthConfig forwardAuth = new ForwardAuthConfig();

    @Valid
    @NotNull
    @JsonProperty("oidc")
    private OidcConfig oidc = new OidcConfig();

    public String getLocalUser() {
        return localUser;
    }

    public void setLocalUser(String localUser) {
        this.localUser = localUser;
    }

    @JsonIgnore
    public boolean isLocalMode() {
        return localUser != null;
    }

    public List<String> getAllowedUsers() {
        return allowedUsers;
    }

    public void setAllowedUsers(List<String> allowedUsers) {
        this.allowedUsers = allowedUsers;
    }

    public List<String> getAdminUsers() {
        return adminUsers;
    }

    public List<String> getAdminGroups() {
        return adminGroups;
    }

    public ForwardAuthConfig getForwardAuth() {
        return forwardAuth;
    }

    public OidcConfig getOidc() {
        return oidc;
    }
}
