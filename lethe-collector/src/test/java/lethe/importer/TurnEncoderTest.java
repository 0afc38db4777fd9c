package lethe.importer;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.api.Attachment;
import lethe.api.Role;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.TurnEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static lethe.importer.ImporterFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

class TurnEncoderTest {

    final TurnEncoder encoder = new TurnEncoder(JSON, 64 * 1024);

    @Test
    void aTurnIsOneLineOfJsonWithPlainTimestamps() throws IOException {
        TurnEncoder.Encoded encoded = encoder.encode(TurnEvent.of("claude-code", "laptop", "s1", "t1", 10_000, Role.USER,
                1756860439.293, "line one\nline two"));

        String line = new String(encoded.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(encoded.truncated()).isFalse();
        assertThat(line).doesNotContain("\n").contains("\"timestamp\":1756860439.293").contains("\"seq\":10000");
        assertThat(JSON.readTree(line).path("content").asText()).isEqualTo("line one\nline two");
    }

    @Test
    void aTurnLargerThanTheServersLineLimitIsCutToFitAndSaysSo() throws IOException {
        String huge = "é\"\u0001".repeat(60_000);
        TurnEncoder.Encoded encoded = encoder.encode(TurnEvent.of("claude-code", "laptop", "s1", "t1", 0, Role.TOOL, 1, huge));

        assertThat(encoded.truncated()).isTrue();
        assertThat(encoded.bytes().length).isLessThanOrEqualTo(64 * 1024);
        JsonNode turn = JSON.readTree(encoded.bytes());
        assertThat(turn.path("content").asText())
                .startsWith("é\"\u0001é")
                .endsWith("more characters not imported; this turn is larger than the server's line limit of 65536 bytes]");
    }

    @Test
    void imagesAreLeftOutFirstLargestFirstWhenATurnIsTooLargeAndTheContentSaysSo() throws IOException {
        Attachment small = new Attachment("image/png", Base64.getEncoder().encodeToString(new byte[10_000]), null);
        Attachment large = new Attachment("image/jpeg", Base64.getEncoder().encodeToString(new byte[50_000]), null);
        TurnEvent turn = new TurnEvent("claude-code", "laptop", "s1", "t1", 0L, "tool", 1.0, "two screenshots", null,
                null, null, "tool_result", "Read", null, new ToolResult("toolu_1", false), List.of(small, large));

        TurnEncoder.Encoded encoded = encoder.encode(turn);

        assertThat(encoded.truncated()).isTrue();
        TurnEvent sent = JSON.readValue(encoded.bytes(), TurnEvent.class);
        assertThat(sent.attachments()).containsExactly(small);
        assertThat(sent.content()).startsWith("two screenshots\n[lethe import: an image (image/jpeg) not imported");
        assertThat(sent.toolResult()).isEqualTo(new ToolResult("toolu_1", false));
    }

    @Test
    void aToolCallWhoseInputCannotFitKeepsItsIdAndNameAndSaysWhatWasLeftOut() throws IOException {
        TurnEvent turn = new TurnEvent("claude-code", "laptop", "s1", "t1", 0L, "assistant", 1.0, "Write big.txt", null,
                null, null, "tool_use", "Write", new ToolCall("toolu_1", "Write", Map.of("file_path", "big.txt",
                "content", "x".repeat(100_000))), null, null);

        TurnEncoder.Encoded encoded = encoder.encode(turn);

        assertThat(encoded.truncated()).isTrue();
        TurnEvent sent = JSON.readValue(encoded.bytes(), TurnEvent.class);
        assertThat(sent.content()).isEqualTo("Write big.txt");
        assertThat(sent.toolCall().id()).isEqualTo("toolu_1");
        assertThat(sent.toolCall().name()).isEqualTo("Write");
        assertThat((String) sent.toolCall().input().get("lethe_import")).startsWith("input of 100").contains("not imported");
    }
}
