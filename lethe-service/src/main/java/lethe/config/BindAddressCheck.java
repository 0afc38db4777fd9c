package lethe.config;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds connectors that would listen beyond loopback. lethe trusts identity headers from the proxy on
 * the same host; listening on a public interface would let anyone skip the proxy.
 */
public final class BindAddressCheck {

    private BindAddressCheck() {
    }

    /** Every non-loopback connector, described by its configuration key and bind host. */
    public static List<String> nonLoopbackConnectors(ServerFactory serverFactory) {
        List<String> offenders = new ArrayList<>();
        if (serverFactory instanceof DefaultServerFactory server) {
            inspect("server.applicationConnectors", server.getApplicationConnectors(), offenders);
            inspect("server.adminConnectors", server.getAdminConnectors(), offenders);
        } else if (serverFactory instanceof SimpleServerFactory server) {
            inspect("server.connector", List.of(server.getConnector()), offenders);
        }
        return offenders;
    }

    private static void inspect(String key, List<ConnectorFactory> connectors, List<String> offenders) {
        for (int i = 0; i < connectors.size(); i++) {
            ConnectorFactory connector = connectors.get(i);
            String where = connectors.size() == 1 && key.equals("server.connector") ? key : key + "[" + i + "]";
            if (!(connector instanceof HttpConnectorFactory http)) {
                offenders.add(where + " (unknown connector type)");
                continue;
            }
            String host = http.getBindHost();
            if (!isLoopback(host)) {
                offenders.add(where + ".bindHost=" + (host == null ? "(unset: all interfaces)" : host));
            }
        }
    }

    static boolean isLoopback(String bindHost) {
        if (bindHost == null || bindHost.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(bindHost)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
