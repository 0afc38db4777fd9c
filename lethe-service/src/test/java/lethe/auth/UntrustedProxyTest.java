package lethe.auth;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forward-auth header is believed only from a trusted proxy. Here the only trusted proxy is a
 * container network, so the test client on 127.0.0.1 is an untrusted peer spoofing {@code Remote-User}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UntrustedProxyTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("auth.forward_auth.trusted_proxies", "172.30.0.0/16,fd00::/8"));

    @Test
    void aSpoofedUserHeaderFromAnUntrustedPeerIsIgnoredAsIfAbsent() {
        Http spoofer = Http.to(APP.getLocalPort()).as("alice").header("Remote-Groups", "lethe-admins");

        Http.Response list = spoofer.get("/api/v1/sessions");
        Http.Response ingest = spoofer.ingest(Turns.line("s", "t", 0, "user", 1700000000, "forged") + "\n");

        assertThat(list.status()).isEqualTo(401);
        assertThat(list.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(ingest.status()).isEqualTo(401);
    }
}
