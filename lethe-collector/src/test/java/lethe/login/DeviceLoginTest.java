package lethe.login;

import lethe.login.TestAuthorizationServer.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device code flow against a real (in-test) authorization server, with virtual time between polls. */
class DeviceLoginTest {

    private TestAuthorizationServer provider;
    private final VirtualTime time = new VirtualTime();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void startProvider() throws Exception {
        provider = TestAuthorizationServer.start();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private StoredTokens login() {
        return new DeviceLogin(new OAuthHttp(), time, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .login(provider.issuer(), TestAuthorizationServer.CLIENT_ID, "openid offline_access", "lethe");
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whilePendingItPollsAtTheServersIntervalUntilApproved() {
        provider.interval(7).script(Poll.PENDING, Poll.PENDING, Poll.APPROVE);

        StoredTokens tokens = login();

        assertThat(time.sleptSeconds()).containsExactly(7L, 7L, 7L);
        assertThat(provider.tokenRequests()).hasSize(3).allSatisfy(request -> {
            assertThat(request).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                    .containsEntry("device_code", TestAuthorizationServer.DEVICE_CODE)
                    .containsEntry("client_id", TestAuthorizationServer.CLIENT_ID);
        });
        assertThat(provider.deviceRequest()).containsEntry("scope", "openid offline_access").containsEntry("audience", "lethe");
        assertThat(tokens.accessToken()).isEqualTo("access-1");
        assertThat(tokens.refreshToken()).isEqualTo("refresh-1");
        assertThat(tokens.issuer()).isEqualTo(provider.issuer());
        assertThat(tokens.tokenEndpoint()).isEqualTo(provider.issuer() + "/token");
        assertThat(tokens.expiresAt()).isEqualTo(time.now().getEpochSecond() + 300);
        assertThat(output()).contains(provider.issuer() + "/activate?user_code=WDJB-MJHT", "WDJB-MJHT", "10 minutes");
    }

    @Test
    void slowDownMakesEveryLaterPollWaitFiveSecondsMore() {
        provider.interval(5).script(Poll.PENDING, Poll.SLOW_DOWN, Poll.PENDING, Poll.SLOW_DOWN, Poll.APPROVE);

        login();

        assertThat(time.sleptSeconds()).containsExactly(5L, 5L, 10L, 10L, 15L);
    }

    @Test
    void aDenialInTheBrowserEndsTheLogin() {
        provider.script(Poll.PENDING, Poll.DENIED);
        assertThatThrownBy(this::login).isInstanceOf(LoginException.class).hasMessageContaining("denied");
        assertThat(provider.tokenRequests()).hasSize(2);
    }

    @Test
    void aCodeTheServerCallsExpiredEndsTheLogin() {
        provider.script(Poll.PENDING, Poll.EXPIRED);
        assertThatThrownBy(this::login).isInstanceOf(LoginException.class).hasMessageContaining("expired");
    }

    @Test
    void pollingStopsOnceTheCodesLifetimeHasPassedEvenIfTheServerKeepsSayingPending() {
        provider.interval(5).expiresIn(12);
        assertThatThrownBy(this::login).isInstanceOf(LoginException.class).hasMessageContaining("expired");
        assertThat(provider.tokenRequests()).as("polls at 5 s and 10 s, none after 12 s").hasSize(2);
    }

    @Test
    void aProviderWithoutTheDeviceGrantIsNamed() {
        provider.withoutDeviceEndpoint();
        assertThatThrownBy(this::login).isInstanceOf(LoginException.class)
                .hasMessageContaining("does not offer the device login");
    }

    @Test
    void anUnknownClientIsRefusedWithAHint() {
        assertThatThrownBy(() -> new DeviceLogin(new OAuthHttp(), time, new PrintStream(printed))
                .login(provider.issuer(), "someone-else", "openid", null))
                .isInstanceOf(LoginException.class)
                .hasMessageContaining("invalid_client").hasMessageContaining("public client");
    }

    @Test
    void aDiscoveryDocumentForAnotherIssuerIsRefused() {
        String sameServerOtherName = provider.issuer().replace("127.0.0.1", "localhost");
        assertThatThrownBy(() -> new DeviceLogin(new OAuthHttp(), time, new PrintStream(printed))
                .login(sameServerOtherName, TestAuthorizationServer.CLIENT_ID, "openid", null))
                .isInstanceOf(LoginException.class).hasMessageContaining("names issuer");
    }

    @Test
    void tokensTravelOnlyOverTlsExceptToThisMachine() {
        assertThatThrownBy(() -> OAuthHttp.checked(URI.create("http://auth.example.com/token")))
                .isInstanceOf(LoginException.class).hasMessageContaining("https");
        assertThat(OAuthHttp.checked(URI.create("https://auth.example.com/token"))).isNotNull();
        assertThat(OAuthHttp.checked(URI.create("http://localhost:9000/token"))).isNotNull();
    }
}
