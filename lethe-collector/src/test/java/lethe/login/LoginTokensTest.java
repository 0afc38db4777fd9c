package lethe.login;

import lethe.login.TestAuthorizationServer.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After login: the importer's access token, refreshed with the refresh token grant when it runs out. */
class LoginTokensTest {

    private TestAuthorizationServer provider;
    private TokenFile file;
    private Instant loggedInAt;

    @BeforeEach
    void logIn() throws Exception {
        provider = TestAuthorizationServer.start().script(Poll.APPROVE);
        file = new TokenFile(Files.createTempDirectory("lethe-login").resolve("lethe/tokens.json"));
        VirtualTime time = new VirtualTime();
        file.write(new DeviceLogin(new OAuthHttp(), time, new PrintStream(OutputStream.nullOutputStream()))
                .login(provider.issuer(), TestAuthorizationServer.CLIENT_ID, "openid offline_access", null));
        loggedInAt = time.now();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private LoginTokens at(Duration afterLogin) {
        return new LoginTokens(file, new OAuthHttp(), Clock.fixed(loggedInAt.plus(afterLogin), ZoneOffset.UTC));
    }

    @Test
    void aFreshTokenIsUsedAsItIsWithoutAskingTheProvider() {
        int before = provider.tokenRequests().size();
        assertThat(at(Duration.ofMinutes(1)).accessToken()).isEqualTo("access-1");
        assertThat(provider.tokenRequests()).hasSize(before);
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheFileRewrittenPrivately() throws Exception {
        assertThat(at(Duration.ofMinutes(10)).accessToken()).isEqualTo("access-2");

        assertThat(provider.tokenRequests().get(provider.tokenRequests().size() - 1))
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "refresh-1")
                .containsEntry("client_id", TestAuthorizationServer.CLIENT_ID);
        StoredTokens stored = file.read();
        assertThat(stored.accessToken()).isEqualTo("access-2");
        assertThat(stored.refreshToken()).as("the rotated refresh token is kept").isEqualTo("refresh-2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");

        assertThat(at(Duration.ofMinutes(11)).accessToken()).as("the new token is fresh").isEqualTo("access-2");
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeItIsSent() {
        assertThat(at(Duration.ofSeconds(300 - 30)).accessToken()).isEqualTo("access-2");
    }

    @Test
    void aTokenLetheRefusedIsReplacedOnRequest() {
        LoginTokens tokens = at(Duration.ofMinutes(1));
        assertThat(tokens.accessToken()).isEqualTo("access-1");
        assertThat(tokens.refreshedAccessToken()).isEqualTo("access-2");
        assertThat(tokens.accessToken()).isEqualTo("access-2");
    }

    @Test
    void aRefusedRefreshTokenMeansLoggingInAgain() {
        provider.forgetRefreshTokens();
        assertThatThrownBy(() -> at(Duration.ofHours(1)).accessToken())
                .isInstanceOf(LoginRequiredException.class)
                .hasMessageContaining("java -jar lethe.jar login");
    }

    @Test
    void withoutATokenFileTheMessageSaysToLogIn() throws Exception {
        Path nowhere = Files.createTempDirectory("lethe-login").resolve("tokens.json");
        assertThatThrownBy(() -> LoginTokens.from(nowhere).accessToken())
                .isInstanceOf(LoginRequiredException.class)
                .hasMessageContaining(nowhere.toString());
    }
}
