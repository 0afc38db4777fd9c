package lethe.redact;

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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §15: a secret sent to lethe is never stored, indexed, shown or exported. Secrets of every common
 * format go in through prompts, tool output and session meta; none comes out anywhere, and the ingest
 * answer and the metrics count them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RedactionAtIngestTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final FakeSecrets SECRETS = new FakeSecrets(15);
    static final List<String> SENT = new ArrayList<>();
    static JsonNode answer;

    static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    private static String secret(String value) {
        SENT.add(value);
        return value;
    }

    @BeforeAll
    static void aliceSendsASessionFullOfSecrets() {
        String prompt = "deploy with AWS_ACCESS_KEY_ID=" + secret(SECRETS.aws()) + " and push using " + secret(SECRETS.github());
        String output = "$ cat .env\nANTHROPIC_API_KEY=" + secret(SECRETS.anthropic()) + "\nOPENAI_API_KEY=" + secret(SECRETS.openai())
                + "\nSLACK_BOT_TOKEN=" + secret(SECRETS.slack()) + "\nDATABASE_URL=" + FakeSecrets.connectionUrl(secret(SECRETS.password()))
                + "\n" + secret(SECRETS.privateKey());
        String meta = ",\"session_meta\":{\"title\":\"token " + secret(SECRETS.jwt()) + "\",\"cwd\":\"/srv/app\"}";
        String ndjson = Turns.line("leaky", "t1", 0, "user", 1700000000, prompt).replace("}", meta + "}") + "\n"
                + Turns.line("leaky", "t2", 1, "tool", 1700000001, output).replace("}", ",\"kind\":\"tool_result\"}") + "\n";
        answer = alice().ingest(ndjson).json();
    }

    @Test
    void theIngestAnswerCountsTheSecretsBesideTheAcceptedLines() {
        assertThat(answer.get("accepted").asLong()).isEqualTo(2);
        assertThat(answer.get("redacted").asLong()).isEqualTo(SENT.size());
    }

    @Test
    void theApiShowsMarkersNamingTheRulesAndNoSecret() {
        Http.Response session = alice().get("/api/v1/sessions/claude-code/laptop/leaky");

        assertThat(session.body()).contains("«redacted:aws-access-token»", "«redacted:github-pat»", "«redacted:anthropic-api-key»",
                "«redacted:openai-api-key»", "«redacted:slack-bot-token»", "«redacted:connection-url-password»",
                "«redacted:private-key»", "«redacted:jwt»", "/srv/app");
        assertNoSecretIn(session.body());
    }

    @Test
    void theExportsAndThePagesCarryNoSecret() {
        assertNoSecretIn(alice().get("/api/v1/sessions/claude-code/laptop/leaky/export.md").body());
        assertNoSecretIn(alice().get("/api/v1/sessions/claude-code/laptop/leaky/export.ndjson").body());
        Http.Response page = alice().get("/sessions/claude-code/laptop/leaky");
        assertThat(page.status()).isEqualTo(200);
        assertNoSecretIn(page.body());
        assertNoSecretIn(alice().get("/").body());
    }

    @Test
    void searchFindsTheMarkerButNoSecret() {
        JsonNode hits = alice().get("/api/v1/search?q=redacted").json();
        assertThat(hits.toString()).contains("leaky");
        for (String secret : SENT) {
            String word = secret.substring(0, Math.min(secret.length(), 20)).replaceAll("[^A-Za-z0-9]", "");
            assertThat(alice().get("/api/v1/search?q=" + word).json().path("hits")).as(word).isEmpty();
        }
    }

    @Test
    void theDatabaseFilesHoldNoByteOfAnySecret() throws IOException {
        alice().get("/api/v1/search?q=redacted");
        Path db = LetheApp.databaseFile(APP);
        List<Path> files = new ArrayList<>();
        try (var siblings = Files.list(db.getParent())) {
            siblings.filter(path -> path.getFileName().toString().startsWith(db.getFileName().toString())).forEach(files::add);
        }
        assertThat(files).contains(db);
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            all.append(bytes);
            for (String secret : SENT) {
                String distinctive = distinctive(secret);
                assertThat(bytes).as(file + " holds " + distinctive).doesNotContain(distinctive)
                        .doesNotContain(distinctive.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(all).as("the stored text is in these files").contains("redacted:aws-access-token");
    }

    @Test
    void metricsCountRedactionsByRule() {
        String metrics = Http.to(APP.getAdminPort()).get("/metrics").body();

        assertThat(metrics).contains("lethe_redacted_secrets_total{rule=\"aws-access-token\"} 1.0",
                "lethe_redacted_secrets_total{rule=\"private-key\"} 1.0");
        assertNoSecretIn(metrics);
    }

    /** Part of the secret that is random, long enough to be unmistakable. */
    private static String distinctive(String secret) {
        String body = secret.startsWith("-----BEGIN") ? secret.substring(secret.indexOf('\n') + 1) : secret;
        int start = Math.min(body.length() - 12, 8);
        return body.substring(start, start + 12);
    }

    private static void assertNoSecretIn(String text) {
        for (String secret : SENT) {
            assertThat(text).doesNotContain(distinctive(secret));
        }
    }
}
