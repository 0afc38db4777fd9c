package lethe.config;

import lethe.auth.AuthConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local single-user mode signs every request in as one user without credentials, so it must be the only
 * way in and must never be reachable from another machine.
 */
final class LocalModeRules {

    private LocalModeRules() {
    }

    static void verify(AuthConfig auth, List<String> exposedConnectors) {
        List<String> others = otherWaysIn(auth);
        if (!others.isEmpty()) {
            throw new ConfigInvalidException("auth.local_user (local single-user mode) cannot be combined with "
                    + String.join(" and ", others) + ": local mode signs every request in as '" + auth.getLocalUser()
                    + "' without credentials, which would make any other way in meaningless. Remove auth.local_user"
                    + " for a proxied or OIDC deployment, or remove the other setting for local use.");
        }
        if (!exposedConnectors.isEmpty()) {
            throw new ConfigInvalidException("auth.local_user (local single-user mode) is loopback-only, but "
                    + String.join(", ", exposedConnectors) + ". allow_non_loopback_bind does not apply to local mode:"
                    + " anyone who could reach the port would be signed in as '" + auth.getLocalUser() + "'. Bind"
                    + " 127.0.0.1, or run behind a proxy with forward_auth instead of local_user.");
        }
    }

    /**
     * The other ways in that the configuration switches on in so many words, by the setting that does it.
     * Defaults do not count: a file that sets only {@code local_user} means local mode. A new way in with
     * an {@code enabled} switch adds one line here.
     */
    static List<String> otherWaysIn(AuthConfig auth) {
        Map<String, Boolean> switches = new LinkedHashMap<>();
        switches.put("auth.forward_auth.enabled: true", auth.getForwardAuth().isExplicitlyEnabled());
        return switches.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }
}
