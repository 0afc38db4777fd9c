package lethe.guard;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether an {@code Origin} header names the origin the request itself was addressed to
 * (scheme, host and port). The opaque origin {@code null} never matches.
 */
final class SameOrigin {

    private final AllowedHosts hosts;

    SameOrigin(AllowedHosts hosts) {
        this.hosts = hosts;
    }

    boolean matches(String origin, HttpServletRequest request) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        if (defaultPort < 0 || uri.getHost() == null) {
            return false;
        }
        RequestAuthority target = RequestAuthority.of(request);
        int originPort = uri.getPort() == RequestAuthority.NO_PORT ? defaultPort : uri.getPort();
        int targetPort = target.port() == RequestAuthority.NO_PORT ? defaultPort : target.port();
        if (!AllowedHosts.normalize(uri.getHost()).equals(target.host()) || originPort != targetPort) {
            return false;
        }
        // Behind the proxy lethe hears plain http while the browser speaks https: for the proxy's own
        // names the scheme is the proxy's business. Everywhere else it must be the one lethe served.
        return scheme.equalsIgnoreCase(request.getScheme()) || (scheme.equals("https") && hosts.isServerName(target.host()));
    }
}
