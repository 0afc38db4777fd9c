package lethe;

import lethe.auth.AuthConfig;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The line lethe logs once it listens: the mode, the user and the address to open. */
class ReadyLineTest {

    @Test
    void inLocalModeItNamesTheUserAndTheAddressTheApplicationListensOn() throws Exception {
        AuthConfig auth = new AuthConfig();
        auth.setLocalUser("alice");
        Server server = new Server();
        ServerConnector application = new ServerConnector(server);
        application.setName("application");
        application.setHost("127.0.0.1");
        application.setPort(0);
        ServerConnector admin = new ServerConnector(server);
        admin.setName("admin");
        admin.setHost("127.0.0.1");
        admin.setPort(0);
        server.addConnector(application);
        server.addConnector(admin);
        server.start();
        try {
            assertThat(new ReadyLine(auth).line(server)).isEqualTo("lethe is ready in local mode as user alice (no sign-in): open http://127.0.0.1:"
                    + application.getLocalPort() + "/");
        } finally {
            server.stop();
        }
    }

    @Test
    void behindAProxyItSaysHowPeopleSignIn() throws Exception {
        Server server = new Server();
        ServerConnector application = new ServerConnector(server);
        application.setPort(0);
        server.addConnector(application);
        server.start();
        try {
            assertThat(new ReadyLine(new AuthConfig()).line(server)).startsWith("lethe is ready in multi-user mode with ")
                    .endsWith("API keys: open http://localhost:" + application.getLocalPort() + "/");
        } finally {
            server.stop();
        }
    }
}
