package lethe.login;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where tokens live and who may read them. */
class TokenFileTest {

    private static final StoredTokens TOKENS = new StoredTokens("https://auth.example.com", "lethe-cli",
            "https://auth.example.com/token", "access", "refresh", 1_800_000_000L, "openid");

    @Test
    void theFileAndTheDirectoryItCreatesAreTheOwnersAlone() throws Exception {
        Path file = Files.createTempDirectory("lethe-login").resolve("config/lethe/tokens.json");
        TokenFile tokens = new TokenFile(file);
        tokens.write(TOKENS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(tokens.read()).isEqualTo(TOKENS);
        assertThat(Files.readString(file)).contains("\"refresh_token\"").contains("\"token_endpoint\"");
    }

    @Test
    void rewritingAFileOthersCouldReadLeavesItPrivate() throws Exception {
        Path file = Files.createTempDirectory("lethe-login").resolve("tokens.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new TokenFile(file).write(TOKENS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers.map(Path::getFileName).map(Path::toString)).containsExactly("tokens.json");
        }
    }

    @Test
    void theLocationFollowsXdgConfigHome() {
        assertThat(TokenFile.location(Map.of("XDG_CONFIG_HOME", "/xdg"), "/home/alice"))
                .isEqualTo(Path.of("/xdg/lethe/tokens.json"));
        assertThat(TokenFile.location(Map.of(), "/home/alice"))
                .isEqualTo(Path.of("/home/alice/.config/lethe/tokens.json"));
        assertThat(TokenFile.location(Map.of("XDG_CONFIG_HOME", "relative/dir"), "/home/alice"))
                .as("a relative XDG_CONFIG_HOME is invalid and ignored").isEqualTo(Path.of("/home/alice/.config/lethe/tokens.json"));
    }

    @Test
    void theTokensNeverShowInToString() {
        assertThat(TOKENS.toString()).doesNotContain("access").doesNotContain("refresh").contains("lethe-cli");
    }
}
