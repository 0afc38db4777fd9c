package lethe.auth;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 4: with {@code auth.forward_auth.proxy_secret} set, a local process that is not the
 * proxy cannot sign in as anyone by sending {@code Remote-User} from loopback. Finding 15: the header is
 * read as UTF-8.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProxySecretTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("auth.forward_auth.proxy_secret", "s3cret-from-the-proxy"),
            ConfigOverride.config("auth.allowed_users", "alice,José"));

    private Http http() {
        return Http.to(APP.getLocalPort());
    }

    @Test
    void aUserHeaderWithoutTheProxySecretIsIgnoredAsIfAbsent() {
        assertThat(http().as("alice").get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aUserHeaderWithAWrongProxySecretIsIgnored() {
        assertThat(http().as("alice").header("Lethe-Proxy-Secret", "s3cret-from-the-proxx").get("/api/v1/me").status())
                .isEqualTo(401);
    }

    @Test
    void aUserHeaderWithTheProxySecretSignsIn() {
        Http.Response me = http().as("alice").header("Lethe-Proxy-Secret", "s3cret-from-the-proxy").get("/api/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("user").asText()).isEqualTo("alice");
    }

    @Test
    void aUtf8UserNameIsReadAsUtf8() {
        String latin1OfUtf8 = new String("José".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        RawHttp.Response me = RawHttp.send(APP.getLocalPort(), "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Remote-User: " + latin1OfUtf8 + "\r\nLethe-Proxy-Secret: s3cret-from-the-proxy", new byte[0]);

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("user").asText()).isEqualTo("José");
    }
}
