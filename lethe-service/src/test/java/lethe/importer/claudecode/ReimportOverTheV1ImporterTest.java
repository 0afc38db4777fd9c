package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.importer.ImportReport;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static lethe.importer.ImporterFixtures.V1_IMPORT;
import static lethe.importer.ImporterFixtures.copyOfAssistantFixtures;
import static lethe.importer.ImporterFixtures.options;
import static lethe.importer.ImporterFixtures.resource;
import static lethe.importer.ImporterFixtures.runOnce;
import static lethe.importer.ImporterFixtures.serverSink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store filled by the v1 importer (its real output over the same transcripts, kept as a test resource),
 * then the same transcripts imported again by the v2 importer, against the real application.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReimportOverTheV1ImporterTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final String USER = "carol";

    @Test
    void reimportingReplacesEveryOldFormTurnAndDuplicatesNone() throws IOException {
        String v1;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(resource(V1_IMPORT)))) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Http.Response stored = Http.to(APP.getLocalPort()).as(USER).ingestGzip(v1);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().path("accepted").asLong()).isEqualTo(727);
        Map<String, Long> before = turnCounts();
        assertThat(oldFormTurns()).as("fenced tool calls and output of the v1 importer").hasSizeGreaterThan(400);

        ImportReport report = runOnce(options(copyOfAssistantFixtures(), "laptop"), serverSink(APP.getLocalPort(), USER));

        assertThat(report.rejected()).isZero();
        assertThat(report.accepted()).isEqualTo(report.turnsSent());
        Map<String, Long> after = turnCounts();
        assertThat(after).isEqualTo(before);
        assertThat(after.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(727);
        assertThat(oldFormTurns()).isEmpty();
    }

    private static Map<String, Long> turnCounts() {
        Map<String, Long> counts = new TreeMap<>();
        JsonNode page = Http.to(APP.getLocalPort()).as(USER).get("/api/v1/sessions?limit=500&host=laptop").json();
        page.path("sessions").forEach(session -> counts.put(session.path("session_id").asText(), session.path("turn_count").asLong()));
        return counts;
    }

    /** Turns as the v1 importer wrote them: a tool's name over a fenced JSON input, or fenced output. */
    private static List<String> oldFormTurns() {
        List<String> old = new ArrayList<>();
        for (String session : turnCounts().keySet()) {
            JsonNode detail = Http.to(APP.getLocalPort()).as(USER).get("/api/v1/sessions/claude-code/laptop/" + session).json();
            detail.path("turns").forEach(turn -> {
                String content = turn.path("content").asText();
                String kind = turn.path("kind").asText();
                boolean oldCall = kind.equals("tool_use") && content.contains("\n```json\n");
                boolean oldResult = kind.equals("tool_result") && (content.startsWith("```") || content.startsWith("Error:\n```"));
                if (oldCall || oldResult) {
                    old.add(session + " " + turn.path("turn_id").asText());
                }
            });
        }
        return old;
    }
}
