package lethe.login;

import lethe.login.TestAuthorizationServer.Poll;
import lethe.testing.JarCommands;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar lethe.jar login}, as a user runs it, against the in-test provider. */
class LoginCommandTest {

    @Test
    void loginPrintsTheCodeWaitsForApprovalAndStoresPrivateTokens() throws Exception {
        Path tokens = Files.createTempDirectory("lethe-login").resolve("lethe/tokens.json");
        try (TestAuthorizationServer provider = TestAuthorizationServer.start().interval(1).script(Poll.APPROVE)) {
            JarCommands.Result result = JarCommands.run("login", "--issuer", provider.issuer(),
                    "--client-id", TestAuthorizationServer.CLIENT_ID, "--tokens-file", tokens.toString());

            assertThat(result.succeeded()).as(result.toString()).isTrue();
            assertThat(result.out()).contains(TestAuthorizationServer.USER_CODE, "Signed in", tokens.toString(),
                    "refreshed automatically");
            assertThat(provider.deviceRequest()).containsEntry("scope", LoginCommand.DEFAULT_SCOPE);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
        assertThat(new TokenFile(tokens).read().refreshToken()).isEqualTo("refresh-1");
    }

    @Test
    void aDeniedLoginIsOneSentenceAndStoresNothing() throws Exception {
        Path tokens = Files.createTempDirectory("lethe-login").resolve("tokens.json");
        try (TestAuthorizationServer provider = TestAuthorizationServer.start().interval(1).script(Poll.DENIED)) {
            JarCommands.Result result = JarCommands.run("login", "--issuer", provider.issuer(),
                    "--client-id", TestAuthorizationServer.CLIENT_ID, "--tokens-file", tokens.toString());

            assertThat(result.succeeded()).isFalse();
            assertThat(result.err()).contains("error: The sign-in was denied").doesNotContain("\tat ");
        }
        assertThat(Files.exists(tokens)).isFalse();
    }
}
