package lethe.guard;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The host and port a client addressed, as its {@code Host} header says.
 *
 * @param host normalised as {@link AllowedHosts} compares names
 * @param port the explicit port, or -1 when the header names none (the scheme's default applies)
 */
record RequestAuthority(String host, int port) {

    static final int NO_PORT = -1;

    static RequestAuthority of(HttpServletRequest request) {
        String header = request.getHeader("Host");
        if (header == null || header.isBlank()) {
            // HTTP/1.0 without Host: no browser sends that, so the address Jetty fills in is good enough.
            return new RequestAuthority(AllowedHosts.normalize(request.getServerName()), NO_PORT);
        }
        return parse(header.trim());
    }

    static RequestAuthority parse(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return new RequestAuthority(value, NO_PORT);
            }
            String rest = value.substring(close + 1);
            String host = AllowedHosts.normalize(value.substring(0, close + 1));
            if (rest.isEmpty()) {
                return new RequestAuthority(host, NO_PORT);
            }
            return rest.startsWith(":") ? withPort(host, rest.substring(1), value) : new RequestAuthority(value, NO_PORT);
        }
        int colon = value.indexOf(':');
        if (colon < 0 || colon != value.lastIndexOf(':')) {
            // No port, or a bare IPv6 address such as ::1, which cannot carry one.
            return new RequestAuthority(AllowedHosts.normalize(value), NO_PORT);
        }
        return withPort(AllowedHosts.normalize(value.substring(0, colon)), value.substring(colon + 1), value);
    }

    /** A malformed port keeps the whole raw value as the host, which then matches no allowed name. */
    private static RequestAuthority withPort(String host, String port, String raw) {
        if (port.isEmpty()) {
            return new RequestAuthority(host, NO_PORT);
        }
        if (port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return new RequestAuthority(raw, NO_PORT);
        }
        int number = Integer.parseInt(port);
        return number <= 65535 ? new RequestAuthority(host, number) : new RequestAuthority(raw, NO_PORT);
    }
}
