package lethe.ingest;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class IngestSmokeTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    @Test
    void aStoredTurnReadsBack() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        Http.Response ingest = alice.ingest(Turns.line("s1", "t1", 0, "user", 1700000000, "hello") + "\n");
        assertThat(ingest.status()).isEqualTo(200);
        assertThat(ingest.json().get("accepted").asLong()).isEqualTo(1);

        Http.Response session = alice.get("/api/v1/sessions/claude-code/laptop/s1");
        assertThat(session.json().get("turns").get(0).get("content").asText()).isEqualTo("hello");
        assertThat(session.body()).contains("\"started_at\":1700000000");
    }
}
