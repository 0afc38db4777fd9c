package lethe.importer;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.api.Role;
import lethe.api.TurnEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;

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
}
