package lethe.export;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.Images;
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
    void ndjsonCarriesToolCallsResultsAndAttachmentsAndReingestsUnchanged() throws Exception {
        String call = Turns.line("v2exp", "c1", 0, "assistant", 1700000000, "Edit a.py");
        String result = Turns.line("v2exp", "r1", 1, "tool", 1700000001, "ok");
        String shot = Turns.line("v2exp", "u1", 2, "user", 1700000002, "see");
        String input = "{\"file_path\":\"a.py\",\"n\":1.50,\"edits\":[{\"old\":\"x\"}]}";
        as("carol").ingest(String.join("\n",
                call.substring(0, call.length() - 1) + ",\"kind\":\"tool_use\",\"tool_call\":{\"id\":\"k1\",\"name\":\"Edit\",\"input\":" + input + "}}",
                result.substring(0, result.length() - 1) + ",\"kind\":\"tool_result\",\"tool_result\":{\"call_id\":\"k1\",\"is_error\":false}}",
                shot.substring(0, shot.length() - 1) + ",\"attachments\":[{\"media_type\":\"image/png\",\"data\":\""
                        + Images.base64(Images.png()) + "\",\"name\":\"s.png\"}]}") + "\n");

        String exported = as("carol").get("/api/v1/sessions/claude-code/laptop/v2exp/export.ndjson").body();

        assertThat(exported).contains("\"input\":" + input, "\"tool_result\":{\"call_id\":\"k1\",\"is_error\":false}",
                "\"attachments\":[{\"media_type\":\"image/png\",\"data\":\"" + Images.base64(Images.png()) + "\",\"name\":\"s.png\"}]");
        assertThat(as("dave").ingest(exported).json().get("accepted").asLong()).isEqualTo(3);
        var original = as("carol").get("/api/v1/sessions/claude-code/laptop/v2exp").json();
        var copy = as("dave").get("/api/v1/sessions/claude-code/laptop/v2exp").json();
        assertThat(copy.get("turns")).isEqualTo(original.get("turns"));
        assertThat(as("dave").getBytes("/api/v1/sessions/claude-code/laptop/v2exp/attachments/u1/0").body())
                .isEqualTo(Images.png());
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
