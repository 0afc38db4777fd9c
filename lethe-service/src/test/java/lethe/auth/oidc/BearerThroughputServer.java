package lethe.auth.oidc;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.auth.oidc.TestIdentityProvider.SigningKey;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Benchmark fixture, not a test: lethe with OIDC on, against an in-process provider, on a fixed port,
 * with a few sessions stored, so that a load generator can compare a bearer token with the forward-auth
 * header on the same endpoint. Writes one token per algorithm into the output directory and serves
 * until killed. Usage (see docs/oidc.md): {@code BearerThroughputServer <port> <output dir>}.
 */
public final class BearerThroughputServer {

    private BearerThroughputServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        SigningKey rsa = SigningKey.rsa("rsa");
        SigningKey ec = SigningKey.ec("ec");
        SigningKey ed = SigningKey.ed25519("ed");
        TestIdentityProvider idp = TestIdentityProvider.start(rsa, ec, ed);

        DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "jdbc:sqlite:" + LetheApp.freshDatabaseFile()),
                ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(port)),
                ConfigOverride.config("server.adminConnectors[0].port", String.valueOf(port + 1)),
                ConfigOverride.config("auth.oidc.enabled", "true"),
                ConfigOverride.config("auth.oidc.issuer", idp.issuer()),
                ConfigOverride.config("auth.oidc.audience", TestIdentityProvider.AUDIENCE));
        app.before();

        StringBuilder sessions = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sessions.append(Turns.line("bench-" + i, "t1", 0, "user", 1700000000 + i, "hello " + i)).append('\n');
        }
        Http.to(port).as("alice").ingest(sessions.toString());

        Instant expiry = Instant.now().plus(Duration.ofHours(2));
        Files.createDirectories(out);
        Files.writeString(out.resolve("rs256.jwt"), idp.tokenFor("alice").claim("exp", expiry).signedWith(rsa));
        Files.writeString(out.resolve("es256.jwt"), idp.tokenFor("alice").claim("exp", expiry).signedWith(ec));
        Files.writeString(out.resolve("eddsa.jwt"), idp.tokenFor("alice").claim("exp", expiry).signedWith(ed));
        System.out.println("lethe with OIDC listening on 127.0.0.1:" + port + "; tokens in " + out);
        Thread.currentThread().join();
    }
}
