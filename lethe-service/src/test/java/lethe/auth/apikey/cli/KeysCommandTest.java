package lethe.auth.apikey.cli;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.JarCommands;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar lethe.jar keys create|list|revoke config.yml}, run against the database file of a
 * lethe that is serving at the same time: the operator's keys work at once, and revoking takes effect
 * on the next request.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeysCommandTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    private static final Pattern SECRET = Pattern.compile("lethe_([0-9A-Za-z]{12})_[0-9A-Za-z]{49}");

    private static Path configFor(Path database, String auth) throws IOException {
        Path config = Files.createTempDirectory("lethe-keys").resolve("config.yml");
        Files.writeString(config, """
                database:
                  url: jdbc:sqlite:%s
                auth:
                %s
                logging:
                  level: WARN
                """.formatted(database, auth.indent(2).stripTrailing()));
        return config;
    }

    private static Path serverConfig() throws IOException {
        return configFor(LetheApp.databaseFile(APP), "allowed_users: [alice, bob]");
    }

    private static Matcher secretIn(JarCommands.Result result) {
        Matcher matcher = SECRET.matcher(result.out());
        assertThat(matcher.find()).as(result.toString()).isTrue();
        return matcher;
    }

    private Http withKey(String secret) {
        return Http.to(APP.getLocalPort()).header("Authorization", "Bearer " + secret);
    }

    @Test
    void aKeyCreatedOnTheCommandLineWorksUntilItIsRevokedThere() throws IOException {
        String config = serverConfig().toString();
        JarCommands.Result created = JarCommands.run("keys", "create", config, "--user", "alice", "--name", "ci", "--expires", "90d");
        assertThat(created.succeeded()).as(created.toString()).isTrue();
        assertThat(created.out()).contains("for alice").contains("only time the secret is shown");
        Matcher secret = secretIn(created);
        String id = secret.group(1);

        Http.Response ingest = withKey(secret.group()).ingest(Turns.line("cli", "t1", 0, "user", 1700000000, "hi") + "\n");
        assertThat(ingest.status()).isEqualTo(200);

        JarCommands.Result listed = JarCommands.run("keys", "list", config, "--user", "alice");
        assertThat(listed.succeeded()).as(listed.toString()).isTrue();
        assertThat(listed.out()).contains("ID", "LAST USED").containsPattern(id + "\\s+alice\\s+ci\\s+active");
        assertThat(listed.out()).doesNotContain(secret.group());

        JarCommands.Result revoked = JarCommands.run("keys", "revoke", config, id);
        assertThat(revoked.succeeded()).as(revoked.toString()).isTrue();
        assertThat(revoked.out()).contains("Revoked API key " + id);
        assertThat(withKey(secret.group()).get("/api/v1/sessions").status()).isEqualTo(401);
        assertThat(JarCommands.run("keys", "list", config).out()).containsPattern(id + "\\s+alice\\s+ci\\s+revoked");
    }

    @Test
    void aKeyForSomeoneOffTheAllowlistIsCreatedWithAWarningAndRefusedWith403() throws IOException {
        JarCommands.Result created = JarCommands.run("keys", "create", serverConfig().toString(), "--user", "mallory");
        assertThat(created.succeeded()).isTrue();
        assertThat(created.err()).contains("mallory is not in auth.allowed_users");
        Http.Response refused = withKey(secretIn(created).group()).get("/api/v1/sessions");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void revokingChecksTheOwnerWhenOneIsNamed() throws IOException {
        String config = serverConfig().toString();
        String id = secretIn(JarCommands.run("keys", "create", config, "--user", "bob")).group(1);
        JarCommands.Result wrongOwner = JarCommands.run("keys", "revoke", config, id, "--user", "alice");
        assertThat(wrongOwner.succeeded()).isFalse();
        assertThat(wrongOwner.err()).contains("There is no API key " + id + " of alice").doesNotContain("Exception");
        assertThat(JarCommands.run("keys", "revoke", config, id, "--user", "bob").succeeded()).isTrue();
    }

    @Test
    void aFreshDatabaseFileIsCreatedAndMigratedByTheCommand() throws IOException {
        Path database = Files.createTempDirectory("lethe-keys").resolve("data/new.db");
        String config = configFor(database, "allowed_users: [alice]").toString();
        assertThat(JarCommands.run("keys", "list", config).out()).contains("No API keys.");
        JarCommands.Result created = JarCommands.run("keys", "create", config, "--user", "alice");
        assertThat(created.succeeded()).as(created.toString()).isTrue();
        assertThat(Files.exists(database)).isTrue();
        assertThat(JarCommands.run("keys", "list", config).out()).containsPattern("alice\\s+unnamed\\s+active");
    }

    @Test
    void mistakesAreOneSentenceWithoutAStackTrace() throws IOException {
        String config = serverConfig().toString();
        JarCommands.Result badExpiry = JarCommands.run("keys", "create", config, "--user", "alice", "--expires", "soon");
        assertThat(badExpiry.succeeded()).isFalse();
        assertThat(badExpiry.err()).contains("--expires must look like 90d").doesNotContain("\tat ");

        JarCommands.Result badName = JarCommands.run("keys", "create", config, "--user", "alice", "--name", " ");
        assertThat(badName.succeeded()).isFalse();
        assertThat(badName.err()).contains("name must be 1-100 characters").doesNotContain("\tat ");

        JarCommands.Result noUser = JarCommands.run("keys", "create", config);
        assertThat(noUser.succeeded()).isFalse();
        assertThat(noUser.err()).contains("--user");

        JarCommands.Result unknownKey = JarCommands.run("keys", "revoke", config, "nonsense");
        assertThat(unknownKey.succeeded()).isFalse();
        assertThat(unknownKey.err()).contains("There is no API key nonsense");
    }

    @Test
    void localModeRefusesToCreateKeys() throws IOException {
        Path database = Files.createTempDirectory("lethe-keys").resolve("local.db");
        JarCommands.Result refused = JarCommands.run("keys", "create", configFor(database, "local_user: me").toString(), "--user", "me");
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.err()).contains("local mode");
    }
}
