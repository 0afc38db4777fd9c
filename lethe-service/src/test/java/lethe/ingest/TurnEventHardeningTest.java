package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.api.WireRules;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, findings 5, 10 and 15: values that once broke sums, merged two turns or slipped past UTF-8 checks. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TurnEventHardeningTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private final String session = "s-" + UUID.randomUUID();

    private Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    private String line(String turnIdJson, String extra) {
        return "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"" + session + "\",\"turn_id\":" + turnIdJson
                + ",\"seq\":1,\"role\":\"assistant\",\"timestamp\":1700000000,\"content\":\"c\"" + extra + "}";
    }

    private JsonNode session() {
        Http.Response read = alice().get("/api/v1/sessions/claude-code/laptop/" + session);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    @Test
    void aTokenCountAboveTheBoundIsALineErrorAndTheSessionStaysWritable() {
        String huge = ",\"usage\":{\"input_tokens\":" + Long.MAX_VALUE + "}";
        String most = ",\"usage\":{\"input_tokens\":" + WireRules.MAX_TOKENS + "}";

        Http.Response response = alice().ingest(line("\"a\"", huge) + "\n" + line("\"b\"", most) + "\n" + line("\"c\"", most) + "\n");
        Http.Response later = alice().ingest(line("\"d\"", most) + "\n");

        assertThat(response.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(response.json().get("errors").get(0).get("error").asText())
                .isEqualTo("usage.input_tokens must be at most " + WireRules.MAX_TOKENS);
        assertThat(later.status()).isEqualTo(200);
        assertThat(session().get("usage").get("input_tokens").asLong()).isEqualTo(3 * WireRules.MAX_TOKENS);
    }

    @Test
    void turnIdsWithUnpairedSurrogatesAreLineErrorsSoTwoTurnsNeverCollapseIntoOne() {
        Http.Response response = alice().ingest(line("\"a\\ud800\"", "") + "\n" + line("\"a\\udbff\"", "") + "\n");

        assertThat(response.json().get("accepted").asLong()).isZero();
        assertThat(response.json().get("errors").get(0).get("error").asText()).contains("unpaired surrogates");
    }

    @Test
    void modelAndToolNameWithUnpairedSurrogatesAreStoredWithReplacementCharacters() {
        alice().ingest(line("\"m\"", ",\"model\":\"m\\ud800x\",\"tool_name\":\"t\\udc00\"") + "\n");

        JsonNode turn = session().get("turns").get(0);
        assertThat(turn.get("model").asText()).isEqualTo("m\uFFFDx");
        assertThat(turn.get("tool_name").asText()).isEqualTo("t\uFFFD");
    }

    @Test
    void anOverlongUtf8SequenceIsALineErrorLikeAnyInvalidUtf8() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] withSlash = line("\"o\"", "").replace("\"c\"", "\"a/b\"").getBytes(StandardCharsets.UTF_8);
        for (byte b : withSlash) {
            if (b == '/') {
                body.write(0xc0);
                body.write(0xaf);
            } else {
                body.write(b);
            }
        }
        body.write('\n');

        Http.Response response = alice().post("/api/v1/ingest", "application/x-ndjson", body.toByteArray());

        assertThat(response.json().get("accepted").asLong()).isZero();
        assertThat(response.json().get("errors").get(0).get("error").asText()).contains("not valid UTF-8");
    }

    @Test
    void aBodyOfTheWrongShapeIsDescribedWithoutJavaClassNames() {
        Http.Response response = alice().post("/api/v1/keys", "application/json",
                "{\"name\":[1,2],\"expires_in_days\":\"soon\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).doesNotContain("lethe.").doesNotContain("java.").doesNotContain("`");
    }
}
