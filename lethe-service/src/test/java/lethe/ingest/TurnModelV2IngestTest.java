package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §11: tool calls and results are stored and returned exactly; every v1 line means what it meant. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TurnModelV2IngestTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    /** A turn line with extra fields spliced in before the closing brace. */
    private static String line(String session, String turnId, long seq, String role, String content, String extra) {
        String base = Turns.line(session, turnId, seq, role, 1700000000 + seq, content);
        return base.substring(0, base.length() - 1) + "," + extra + "}";
    }

    private static JsonNode turns(Http user, String session) {
        return user.get("/api/v1/sessions/claude-code/laptop/" + session).json().get("turns");
    }

    @Test
    void aToolCallComesBackWithItsInputAsTheSameObject() throws Exception {
        String input = "{\"file_path\":\"/src/app.py\",\"edits\":[{\"old\":\"a\",\"new\":\"b\",\"replace_all\":false}],"
                + "\"limit\":1.10,\"big\":123456789012345678901234567890,\"ratio\":0.1000000000000000055511151231257827,"
                + "\"nothing\":null,\"text\":\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\"\",\"nested\":{\"z\":1,\"a\":{}}}";
        String v2 = line("calls", "c1", 0, "assistant", "Edit /src/app.py",
                "\"kind\":\"tool_use\",\"tool_call\":{\"id\":\"toolu_01\",\"name\":\"Edit\",\"input\":" + input + "}");
        assertThat(as("alice").ingest(v2 + "\n").json().get("accepted").asLong()).isEqualTo(1);

        Http.Response detail = as("alice").get("/api/v1/sessions/claude-code/laptop/calls");
        JsonNode call = detail.json().get("turns").get(0).get("tool_call");

        assertThat(call.get("id").asText()).isEqualTo("toolu_01");
        assertThat(call.get("name").asText()).isEqualTo("Edit");
        assertThat(call.get("input")).isEqualTo(Http.JSON.readTree(input));
        assertThat(detail.body()).contains("\"limit\":1.10", "\"big\":123456789012345678901234567890",
                "\"ratio\":0.1000000000000000055511151231257827");
        assertThat(detail.json().get("turns").get(0).get("kind").asText()).isEqualTo("tool_use");
    }

    @Test
    void aToolResultComesBackWithTheCallItAnswersAndWhetherItFailed() {
        as("alice").ingest(String.join("\n",
                line("results", "r1", 0, "tool", "exit 1: no such file", "\"kind\":\"tool_result\","
                        + "\"tool_result\":{\"call_id\":\"toolu_01\",\"is_error\":true}"),
                line("results", "r2", 1, "tool", "ok", "\"kind\":\"tool_result\","
                        + "\"tool_result\":{\"call_id\":\"toolu_02\",\"is_error\":false}"),
                line("results", "r3", 2, "tool", "no verdict", "\"kind\":\"tool_result\","
                        + "\"tool_result\":{\"call_id\":\"toolu_03\"}")) + "\n");

        JsonNode turns = turns(as("alice"), "results");

        assertThat(turns.get(0).get("tool_result").toString()).isEqualTo("{\"call_id\":\"toolu_01\",\"is_error\":true}");
        assertThat(turns.get(1).get("tool_result").toString()).isEqualTo("{\"call_id\":\"toolu_02\",\"is_error\":false}");
        assertThat(turns.get(2).get("tool_result").toString()).isEqualTo("{\"call_id\":\"toolu_03\"}");
        assertThat(turns.get(0).get("content").asText()).isEqualTo("exit 1: no such file");
    }

    @Test
    void aV1LineIsAcceptedAndReadsBackExactlyAsBefore() throws Exception {
        String v1 = line("old", "o1", 0, "assistant", "Bash\n```json\n{\"command\": \"ls\"}\n```",
                "\"kind\":\"tool_use\",\"tool_name\":\"Bash\",\"model\":\"m\",\"usage\":{\"input_tokens\":3}");
        assertThat(as("alice").ingest(v1 + "\n").json().get("errors")).isEmpty();

        JsonNode turn = turns(as("alice"), "old").get(0);

        assertThat(turn).isEqualTo(Http.JSON.readTree("{\"turn_id\":\"o1\",\"seq\":0,\"role\":\"assistant\","
                + "\"timestamp\":1700000000,\"content\":\"Bash\\n```json\\n{\\\"command\\\": \\\"ls\\\"}\\n```\","
                + "\"model\":\"m\",\"usage\":{\"input_tokens\":3},\"kind\":\"tool_use\",\"tool_name\":\"Bash\"}"));
    }

    @Test
    void anyLowerCaseKindIsStillAccepted() {
        as("alice").ingest(line("kinds", "k1", 0, "assistant", "…", "\"kind\":\"web_fetch\"") + "\n");

        assertThat(turns(as("alice"), "kinds").get(0).get("kind").asText()).isEqualTo("web_fetch");
    }

    @Test
    void aReSentTurnReplacesItsToolCallAndADroppedCallIsGone() {
        Http bob = as("bob");
        bob.ingest(line("resend", "c1", 0, "assistant", "Bash", "\"tool_call\":{\"id\":\"x\",\"name\":\"Bash\","
                + "\"input\":{\"command\":\"make\"}}") + "\n");
        bob.ingest(line("resend", "c1", 0, "assistant", "Bash", "\"tool_call\":{\"id\":\"x\",\"name\":\"Bash\","
                + "\"input\":{\"command\":\"make test\"}}") + "\n");
        assertThat(turns(bob, "resend").get(0).get("tool_call").get("input").get("command").asText()).isEqualTo("make test");

        bob.ingest(line("resend", "c1", 0, "assistant", "Bash", "\"kind\":\"text\"") + "\n");

        assertThat(turns(bob, "resend").get(0).has("tool_call")).isFalse();
        assertThat(bob.get("/api/v1/sessions/claude-code/laptop/resend").json().get("turn_count").asLong()).isEqualTo(1);
    }

    @Test
    void aToolInputThatIsNotAnObjectIsALineErrorThatSaysSo() {
        Http.Response response = as("alice").ingest(String.join("\n",
                line("bad-calls", "b1", 0, "assistant", "x", "\"tool_call\":{\"id\":\"1\",\"name\":\"Edit\",\"input\":\"{\\\"a\\\":1}\"}"),
                line("bad-calls", "b2", 1, "assistant", "x", "\"tool_call\":{\"id\":\"2\",\"name\":\"Edit\",\"input\":[1,2]}"),
                line("bad-calls", "b3", 2, "assistant", "x", "\"tool_call\":{\"name\":\"Edit\",\"input\":{}}"),
                line("bad-calls", "b4", 3, "assistant", "x", "\"tool_call\":\"Edit\""),
                line("bad-calls", "b5", 4, "tool", "x", "\"tool_result\":{\"is_error\":true}"),
                line("bad-calls", "b6", 5, "tool", "x", "\"tool_result\":{\"call_id\":\"1\",\"is_error\":\"yes\"}"),
                line("bad-calls", "b7", 6, "assistant", "x", "\"kind\":\"Tool Use\"")) + "\n");

        JsonNode errors = response.json().get("errors");
        assertThat(response.json().get("accepted").asLong()).isZero();
        assertThat(errors).extracting(e -> e.get("line").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(errors.get(0).get("error").asText())
                .isEqualTo("tool_call.input must be a JSON object with the tool's arguments, not a string "
                        + "(send the object itself, not JSON text in a string)");
        assertThat(errors.get(1).get("error").asText())
                .isEqualTo("tool_call.input must be a JSON object with the tool's arguments, not an array");
        assertThat(errors.get(2).get("error").asText()).isEqualTo("tool_call needs an id and a name");
        assertThat(errors.get(3).get("error").asText()).isEqualTo("tool_call must be a JSON object, not a string");
        assertThat(errors.get(4).get("error").asText()).isEqualTo("tool_result needs the call_id of the call it answers");
        assertThat(errors.get(5).get("error").asText()).isEqualTo("tool_result.is_error must be true or false, not a string");
        assertThat(errors.get(6).get("error").asText()).isEqualTo("kind must be 1-64 lower-case letters or _");
        assertThat(as("alice").get("/api/v1/sessions/claude-code/laptop/bad-calls").status()).isEqualTo(404);
    }
}
