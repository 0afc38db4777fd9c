package lethe.guard;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names lethe answers to: the loopback names, plus {@code server_names} (the public names the
 * reverse proxy forwards). A browser tricked by DNS rebinding addresses the attacker's name, never these.
 */
public final class AllowedHosts {

    public static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "::1");

    private final Set<String> serverNames;
    private final Set<String> all;

    public AllowedHosts(Collection<String> serverNames) {
        this.serverNames = Set.copyOf(serverNames.stream().map(AllowedHosts::normalize).toList());
        Set<String> names = new HashSet<>(this.serverNames);
        LOOPBACK_NAMES.forEach(name -> names.add(normalize(name)));
        this.all = Set.copyOf(names);
    }

    public boolean allows(String host) {
        return host != null && all.contains(normalize(host));
    }

    /** A name from {@code server_names}: reached through the proxy, which may have terminated TLS. */
    public boolean isServerName(String host) {
        return host != null && serverNames.contains(normalize(host));
    }

    /** Case-folded, without IPv6 brackets or the root's trailing dot ({@code localhost.} is {@code localhost}). */
    static String normalize(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
