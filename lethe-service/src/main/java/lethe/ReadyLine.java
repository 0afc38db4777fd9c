package lethe;

import io.dropwizard.lifecycle.ServerLifecycleListener;
import lethe.auth.AuthConfig;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one line that tells a person lethe is up: in which mode, as whom, and the address to open. Written
 * once the connectors listen, so the port is the real one (also when the configuration asks for port 0).
 */
final class ReadyLine implements ServerLifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(LetheApplication.class);

    private final AuthConfig auth;

    ReadyLine(AuthConfig auth) {
        this.auth = auth;
    }

    @Override
    public void serverStarted(Server server) {
        LOG.info("{}", line(server));
    }

    String line(Server server) {
        List<String> urls = new ArrayList<>();
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector listening && !"admin".equals(connector.getName())) {
                urls.add(url(listening));
            }
        }
        String where = urls.isEmpty() ? "" : ": open " + String.join(" or ", urls);
        return "lethe is ready in " + mode() + where;
    }

    private String mode() {
        if (auth.isLocalMode()) {
            return "local mode as user " + auth.getLocalUser() + " (no sign-in)";
        }
        List<String> ways = new ArrayList<>();
        if (auth.getForwardAuth().isEnabled()) {
            ways.add("forward-auth (people sign in at the proxy)");
        }
        if (auth.getOidc().isEnabled()) {
            ways.add("OIDC");
        }
        ways.add("API keys");
        return "multi-user mode with " + String.join(", ", ways);
    }

    private static String url(ServerConnector connector) {
        String host = connector.getHost();
        if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        boolean tls = connector.getDefaultConnectionFactory().getProtocol().toLowerCase(Locale.ROOT).contains("ssl");
        return (tls ? "https" : "http") + "://" + host + ":" + connector.getLocalPort() + "/";
    }
}
