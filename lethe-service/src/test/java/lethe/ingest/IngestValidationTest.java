package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §2–3: every rule of the NDJSON contract, each bad line reported by number while good lines are kept. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IngestValidationTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("ingest.max_body_bytes", "200000"),
            ConfigOverride.config("ingest.max_line_bytes", "20000"),
            ConfigOverride.config("ingest.max_lines", "50"));

    private final String session = "s-" + UUID.randomUUID();

    private Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    private String good(String turnId, long seq) {
        return Turns.line(session, turnId, seq, "user", 1700000000 + seq, "text " + turnId);
    }

    /** A valid line with one field replaced by raw JSON (or removed when {@code json} is null). */
    private String with(String field, String json) {
        String base = "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"" + session + "\",\"turn_id\":\"x\","
                + "\"seq\":9,\"role\":\"user\",\"timestamp\":1700000000,\"content\":\"c\"}";
        String withoutField = base.replaceAll("\"" + field + "\":(\"[^\"]*\"|[0-9.]+),?", "").replace(",}", "}");
        return json == null ? withoutField : withoutField.replace("{", "{\"" + field + "\":" + json + ",");
    }

    private JsonNode ingestBetweenGoodLines(String badLine) {
        Http.Response response = alice().ingest(good("a", 0) + "\n" + badLine + "\n" + good("b", 1) + "\n");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "tool       | <absent>              | missing required field tool",
            "tool       | null                  | tool must be a string, not null",
            "tool       | 7                     | tool must be a string, not a number",
            "tool       | \"\"                  | tool must be 1-256 characters",
            "tool       | \"has space\"         | tool must be 1-256 characters",
            "host       | \"a/b\"               | host must be 1-256 characters",
            "host       | \"..\"                | host must be 1-256 characters",
            "session_id | \"x?y\"               | session_id must be 1-256 characters",
            "session_id | [1]                   | session_id must be a string, not an array",
            "turn_id    | <absent>              | missing required field turn_id",
            "turn_id    | \"\"                  | turn_id must be 1-256 characters",
            "turn_id    | \"a\\u0001b\"         | turn_id must be 1-256 characters without control characters",
            "seq        | -1                    | seq must be an integer between 0 and",
            "seq        | 1.5                   | seq must be an integer >= 0, not a number",
            "seq        | \"5\"                 | seq must be an integer >= 0, not a string",
            "seq        | 123456789012345678901 | seq must be an integer between 0 and",
            "role       | \"robot\"             | role must be one of user, assistant, system, tool",
            "role       | \"User\"              | role must be one of user, assistant, system, tool",
            "timestamp  | \"2024-01-01\"        | timestamp must be a number of Unix seconds, not a string",
            "timestamp  | 1700000000000         | timestamp must be Unix seconds between 0 and 1e11",
            "timestamp  | -5                    | timestamp must be Unix seconds between 0 and 1e11",
            "content    | <absent>              | missing required field content",
            "seq        | <absent>              | missing required field seq",
            "timestamp  | <absent>              | missing required field timestamp",
            "role       | <absent>              | missing required field role",
            "content    | null                  | content must be a string, not null",
            "content    | 42                    | content must be a string, not a number",
            "content    | {\"a\":1}             | content must be a string, not an object",
            "session_meta | []                  | session_meta must be a JSON object, not an array",
            "usage      | {\"input_tokens\":-3} | usage.input_tokens must be an integer between 0 and",
            "usage      | \"lots\"              | usage must be a JSON object, not a string",
            "model      | 3                     | model must be a string, not a number",
            "kind       | \"Tool Use\"          | kind must be 1-64 lower-case letters or _",
    })
    void aLineBreakingARuleIsReportedByNumberAndTheOthersAreStored(String field, String json, String message) {
        JsonNode result = ingestBetweenGoodLines(with(field.trim(), json.trim().equals("<absent>") ? null : json.trim()));

        assertThat(result.get("accepted").asLong()).isEqualTo(2);
        assertThat(result.get("errors")).hasSize(1);
        assertThat(result.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(result.get("errors").get(0).get("error").asText()).startsWith(message);
        assertThat(turnCount()).isEqualTo(2);
    }

    @Test
    void malformedJsonIsALineErrorNotARequestError() {
        JsonNode result = ingestBetweenGoodLines("{\"tool\": \"claude-code\", ");

        assertThat(result.get("errors").get(0).get("error").asText()).startsWith("not valid JSON");
        assertThat(result.get("accepted").asLong()).isEqualTo(2);
    }

    @Test
    void aLineThatIsNotAnObjectIsRefused() {
        JsonNode result = ingestBetweenGoodLines("[1,2,3]");

        assertThat(result.get("errors").get(0).get("error").asText()).isEqualTo("a line must be one JSON object");
    }

    @Test
    void twoObjectsOnOneLineAreRefused() {
        JsonNode result = ingestBetweenGoodLines(good("c", 2) + " " + good("d", 3));

        assertThat(result.get("errors").get(0).get("error").asText()).isEqualTo("unexpected content after the JSON object");
    }

    @Test
    void aDuplicatedKeyIsRefusedRatherThanSilentlyResolved() {
        JsonNode result = ingestBetweenGoodLines(good("c", 2).replace("{", "{\"seq\":4,"));

        assertThat(result.get("errors").get(0).get("error").asText()).contains("Duplicate field 'seq'");
    }

    @Test
    void invalidUtf8IsALineError() {
        byte[] prefix = (good("a", 0) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = with("content", "\"\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[prefix.length + bad.length + 1];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        body[body.length - 1] = '\n';

        Http.Response response = alice().post("/api/v1/ingest", "application/x-ndjson", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(response.json().get("errors").get(0).get("error").asText()).contains("UTF-8");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Http.Response response = alice().ingest(good("a", 0).replace("{", "{\"future\":{\"x\":[1,2]},\"owner\":\"mallory\",") + "\n");

        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(alice().get("/api/v1/sessions/claude-code/laptop/" + session).json().get("owner").asText()).isEqualTo("alice");
    }

    @Test
    void blankLinesAreSkippedButStillCounted() {
        Http.Response response = alice().ingest("\n" + good("a", 0) + "\n   \n\r\n" + with("role", "\"bot\"") + "\n");

        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("line").asLong()).isEqualTo(5);
    }

    @Test
    void aFinalLineWithoutNewlineAndCrlfLineEndingsAreAccepted() {
        Http.Response response = alice().ingest(good("a", 0) + "\r\n" + good("b", 1));

        assertThat(response.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(response.json().get("errors")).isEmpty();
    }

    @Test
    void anEmptyBodyAcceptsNothing() {
        Http.Response response = alice().ingest("");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isZero();
    }

    @Test
    void gzipBodiesAreDecoded() {
        Http.Response response = alice().ingestGzip(good("a", 0) + "\n" + good("b", 1) + "\n");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isEqualTo(2);
    }

    @Test
    void aBrokenGzipBodyIsA400AndStoresNothing() {
        byte[] gzip = Http.gzip((good("a", 0) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length / 2);

        Http.Response response = alice().header("Content-Encoding", "gzip").post("/api/v1/ingest", "application/x-ndjson", truncated);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID");
        assertThat(turnCount()).isZero();
    }

    @Test
    void anUnknownContentEncodingIs415() {
        Http.Response response = alice().header("Content-Encoding", "br").post("/api/v1/ingest", "application/x-ndjson", good("a", 0).getBytes());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @CsvSource({"application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void anotherContentTypeIs415(String contentType) {
        Http.Response response = alice().post("/api/v1/ingest", contentType, (good("a", 0) + "\n").getBytes());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(turnCount()).isZero();
    }

    @Test
    void anNdjsonContentTypeWithCharsetIsAccepted() {
        Http.Response response = alice().post("/api/v1/ingest", "application/x-ndjson; charset=utf-8", (good("a", 0) + "\n").getBytes());

        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    void aLineOverTheLimitIs413WithItsNumberAndNothingIsStored() {
        String huge = Turns.line(session, "big", 5, "tool", 1700000000, "x".repeat(30_000));

        Http.Response response = alice().ingest(good("a", 0) + "\n" + good("b", 1) + "\n" + huge + "\n");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(response.json().get("line").asLong()).isEqualTo(3);
        assertThat(response.json().get("detail").asText()).contains("max_line_bytes");
        assertThat(turnCount()).isZero();
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsStored() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            body.append(Turns.line(session, "t" + i, i, "user", 1700000000, "y".repeat(10_000))).append('\n');
        }

        Http.Response response = alice().ingest(body.toString());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").asText()).contains("max_body_bytes");
        assertThat(turnCount()).isZero();
    }

    @Test
    void aGzipBombIsMeasuredAfterDecoding() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            body.append(Turns.line(session, "t" + i, i, "user", 1700000000, "z".repeat(10_000))).append('\n');
        }

        Http.Response response = alice().ingestGzip(body.toString());

        assertThat(response.status()).isEqualTo(413);
        assertThat(turnCount()).isZero();
    }

    @Test
    void tooManyLinesIs413AndNothingIsStored() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            body.append(good("t" + i, i)).append('\n');
        }

        Http.Response response = alice().ingest(body.toString());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").asText()).contains("max_lines");
        assertThat(turnCount()).isZero();
    }

    @Test
    void unpairedSurrogateEscapesAreStoredAsReplacementCharacters() {
        alice().ingest(with("content", "\"cut emoji \\ud83d here\"") + "\n");

        JsonNode turn = alice().get("/api/v1/sessions/claude-code/laptop/" + session).json().get("turns").get(0);
        assertThat(turn.get("content").asText()).isEqualTo("cut emoji \uFFFD here");
    }

    private long turnCount() {
        Http.Response response = alice().get("/api/v1/sessions/claude-code/laptop/" + session);
        return response.status() == 404 ? 0 : response.json().get("turn_count").asLong();
    }
}
