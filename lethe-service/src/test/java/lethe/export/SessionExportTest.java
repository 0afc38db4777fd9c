package lethe.export;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §9: a session exported as Markdown and as the NDJSON it can be ingested from. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionExportTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    @BeforeAll
    static void aSession() {
        as("alice").ingest(String.join("\n",
                Turns.line("exp", "t1", 0, "user", 1700000000, "Write a haiku").replace("}", ",\"session_meta\":{\"cwd\":\"/home/alice\"}}"),
                Turns.line("exp", "t2", 1, "assistant", 1700000001.5, "Code flows like water\n\n```js\nx = 1\n```")
                        .replace("}", ",\"model\":\"m\",\"usage\":{\"output_tokens\":9}}")) + "\n");
    }

    @Test
    void markdownHasTheFactsAndEveryTurnInOrder() {
        Http.Response response = as("alice").get("/api/v1/sessions/claude-code/laptop/exp/export.md");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/markdown");
        assertThat(response.header("Content-Disposition")).as("named after the title").isEqualTo("attachment; filename=\"write-a-haiku.md\"");
        assertThat(response.body())
                .startsWith("# Write a haiku\n")
                .contains("- cwd: /home/alice")
                .contains("## User · 2023-11-14 22:13:20 UTC")
                .contains("## Assistant · 2023-11-14 22:13:21 UTC\n\nCode flows like water\n\n```js\nx = 1\n```");
        assertThat(response.body().indexOf("## User")).isLessThan(response.body().indexOf("## Assistant"));
    }

    @Test
    void ndjsonReingestsIntoAnIdenticalSession() {
        String exported = as("alice").get("/api/v1/sessions/claude-code/laptop/exp/export.ndjson").body();

        assertThat(exported.lines()).hasSize(2);
        assertThat(as("bob").ingest(exported).json().get("accepted").asLong()).isEqualTo(2);
        var original = as("alice").get("/api/v1/sessions/claude-code/laptop/exp").json();
        var copy = as("bob").get("/api/v1/sessions/claude-code/laptop/exp").json();
        assertThat(copy.get("turns")).isEqualTo(original.get("turns"));
        assertThat(copy.get("meta")).isEqualTo(original.get("meta"));
        assertThat(copy.get("usage")).isEqualTo(original.get("usage"));
    }

    @Test
    void exportsLiveBesideTheSessionItself() {
        assertThat(as("alice").get("/api/v1/sessions/claude-code/laptop/exp").status()).isEqualTo(200);
        assertThat(as("alice").get("/api/v1/sessions/claude-code/laptop/exp/export.pdf").status()).isEqualTo(404);
    }

    @Test
    void someoneElsesSessionCannotBeExported() {
        assertThat(as("dave").get("/api/v1/sessions/claude-code/laptop/exp/export.md").status()).isEqualTo(404);
        assertThat(as("dave").get("/api/v1/sessions/claude-code/laptop/exp/export.ndjson").status()).isEqualTo(404);
    }
}
