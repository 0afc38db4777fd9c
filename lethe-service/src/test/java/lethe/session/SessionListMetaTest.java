package lethe.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 3a: lists never carry unbounded metas. A session stored before meta limits existed may
 * hold megabytes of meta; a page of sessions carries each meta only up to 16 KiB, the session's own read
 * carries it whole.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionListMetaTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final String HUGE_VALUE = "m".repeat(3 * 1024 * 1024);

    static Http bob() {
        return Http.to(APP.getLocalPort()).as("bob");
    }

    @BeforeAll
    static void oneSessionWithAHugeLegacyMetaAndOneWithASmallMeta() throws Exception {
        String small = "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"small\",\"turn_id\":\"u\",\"seq\":0,"
                + "\"role\":\"user\",\"timestamp\":1700000000,\"content\":\"hi\",\"session_meta\":{\"cwd\":\"/home/bob/app\",\"title\":\"Small\"}}";
        assertThat(bob().ingest(small + "\n" + Turns.line("huge", "u", 0, "user", 1700000100, "first words") + "\n")
                .json().get("accepted").asInt()).isEqualTo(2);
        // As a lethe from before ingest.max_meta_bytes could have stored it.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + LetheApp.databaseFile(APP));
             PreparedStatement update = connection.prepareStatement("UPDATE sessions SET meta = ? WHERE session_id = 'huge'")) {
            update.setString(1, "{\"title\":\"Huge\",\"blob\":\"" + HUGE_VALUE + "\"}");
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aListLeavesOutAMetaOver16KiBAndKeepsSmallOnes() {
        Http.Response list = bob().get("/api/v1/sessions");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().length()).isLessThan(64 * 1024);
        JsonNode sessions = list.json().get("sessions");
        assertThat(sessions).hasSize(2);
        JsonNode huge = sessions.get(0);
        assertThat(huge.get("session_id").asText()).isEqualTo("huge");
        assertThat(huge.get("meta").isEmpty()).isTrue();
        assertThat(huge.get("title").asText()).isEqualTo("first words");
        JsonNode small = sessions.get(1);
        assertThat(small.get("meta").get("cwd").asText()).isEqualTo("/home/bob/app");
        assertThat(small.get("title").asText()).isEqualTo("Small");
    }

    @Test
    void theSessionsOwnReadCarriesItsMetaWhole() {
        JsonNode detail = bob().get("/api/v1/sessions/claude-code/laptop/huge").json();

        assertThat(detail.get("meta").get("blob").asText()).isEqualTo(HUGE_VALUE);
        assertThat(detail.get("title").asText()).isEqualTo("Huge");
    }
}
