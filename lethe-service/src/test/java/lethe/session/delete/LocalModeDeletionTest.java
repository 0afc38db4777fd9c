package lethe.session.delete;

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
 * In local mode a browser needs no credentials, so another site's page must not be able to delete: the
 * CSRF guard refuses a cross-site DELETE before it reaches the session; the command line's works.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LocalModeDeletionTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start("local-config.yml");

    static Http lethe() {
        return Http.to(APP.getLocalPort());
    }

    @Test
    void aCrossSiteDeleteIsRefusedAndTheSessionStays() {
        lethe().ingest(Turns.line("precious", "t1", 0, "user", 1700000000, "keep me") + "\n");

        Http.Response refused = lethe().header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .method("DELETE", "/api/v1/sessions/claude-code/laptop/precious");
        Http.Response refusedBySiteOnly = lethe().header("Sec-Fetch-Site", "cross-site")
                .method("DELETE", "/api/v1/sessions/claude-code/laptop/precious");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refusedBySiteOnly.status()).isEqualTo(403);
        assertThat(lethe().get("/api/v1/sessions/claude-code/laptop/precious").status()).isEqualTo(200);
    }

    @Test
    void aClientWithoutOriginDeletes() {
        lethe().ingest(Turns.line("disposable", "t1", 0, "user", 1700000000, "drop me") + "\n");

        assertThat(lethe().method("DELETE", "/api/v1/sessions/claude-code/laptop/disposable").status()).isEqualTo(204);
        assertThat(lethe().get("/api/v1/sessions/claude-code/laptop/disposable").status()).isEqualTo(404);
    }
}
