package lethe.logging;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class RequestIdTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private static final String GENERATED = "[0-9a-f]{32}";

    @Test
    void everyAnswerCarriesAnId() {
        Http app = Http.to(APP.getLocalPort());
        Http alice = app.as("alice");
        List<Http.Response> answers = List.of(
                alice.ingest(Turns.line("rid", "t1", 0, "user", 1700000000, "hi") + "\n"),
                alice.get("/api/v1/sessions"),
                alice.get("/api/v1/sessions/claude-code/laptop/nope"),
                alice.get("/no/such/page"),
                alice.method("DELETE", "/api/v1/sessions"),
                alice.method("TRACE", "/api/v1/sessions"),
                alice.post("/api/v1/ingest", "text/plain", new byte[] {1}),
                app.get("/api/v1/sessions"),
                app.as("mallory").get("/"),
                Http.to(APP.getAdminPort()).get("/healthz"),
                Http.to(APP.getAdminPort()).get("/metrics"));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.header("X-Request-Id")).matches(GENERATED));
        assertThat(answers.stream().map(answer -> answer.header("X-Request-Id")).distinct()).hasSize(answers.size());
    }

    @Test
    void aCallersPlainIdIsKept() {
        Http.Response answer = Http.to(APP.getLocalPort()).as("alice")
                .header("X-Request-Id", "caddy-7f3a:01.req_9").get("/api/v1/sessions");
        assertThat(answer.header("X-Request-Id")).isEqualTo("caddy-7f3a:01.req_9");
    }

    @Test
    void anIdThatCouldForgeLogLinesOrFloodThemIsReplaced() {
        for (String hostile : List.of("a b", "x\"y", "id;rm", "é", "a".repeat(RequestIds.MAX_LENGTH + 1), "<script>")) {
            Http.Response answer = Http.to(APP.getLocalPort()).as("alice")
                    .header("X-Request-Id", hostile).get("/api/v1/sessions");
            assertThat(answer.header("X-Request-Id")).as(hostile).matches(GENERATED);
        }
        assertThat(Http.to(APP.getLocalPort()).as("alice").header("X-Request-Id", "a".repeat(RequestIds.MAX_LENGTH))
                .get("/api/v1/sessions").header("X-Request-Id")).hasSize(RequestIds.MAX_LENGTH);
    }
}
