package lethe.auth.apikey;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.DatabaseProbe;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static lethe.auth.apikey.ApiKeyLifecycleTest.createKey;
import static lethe.auth.apikey.ApiKeyLifecycleTest.withKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged keys cost lethe no write. An app of its own, in which no key is ever used successfully, so
 * that nothing legitimate (the periodic last-use flush) can commit while the probe watches.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiKeyForgeryTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private Http http() {
        return Http.to(APP.getLocalPort());
    }

    @Test
    void aTamperedOrTruncatedKeyIsRefusedWithoutWritingToTheDatabase() {
        String secret = createKey(http().as("dave"), "{\"name\": \"probe\"}").json().get("secret").asText();
        char last = secret.charAt(secret.length() - 1);
        char middle = secret.charAt(30);
        String[] forgeries = {
                secret.substring(0, secret.length() - 1),
                secret.substring(0, 20),
                secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a'),
                secret.substring(0, 30) + (middle == 'a' ? 'b' : 'a') + secret.substring(31),
                secret + "x",
                "lethe_",
                "lethe_" + "A".repeat(12) + "_" + "B".repeat(49),
        };
        try (DatabaseProbe probe = DatabaseProbe.open(APP)) {
            long before = probe.writeVersion();
            for (String forgery : forgeries) {
                Http.Response response = withKey(http(), forgery).get("/api/v1/sessions");
                assertThat(response.status()).as(forgery).isEqualTo(401);
                assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
            }
            assertThat(probe.writeVersion()).as("no commit by lethe while refusing forgeries").isEqualTo(before);

            // The probe does see lethe's commits: a good request moves data_version.
            http().as("dave").ingest(Turns.line("real", "t1", 0, "user", 1700000000, "x") + "\n");
            assertThat(probe.writeVersion()).isNotEqualTo(before);
        }
    }
}
