package lethe.bench.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HostileLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void theMetaKeyLineHas150000DistinctKeysIn2Point6MegabytesAsTheReviewSent() throws IOException {
        String line = HostileLines.line("keys-0", "t0", 0, "c", HostileLines.manyKeysMeta(HostileLines.META_KEYS));

        JsonNode meta = JSON.readTree(line).get("session_meta");

        assertThat(meta.size()).isEqualTo(150_000);
        assertThat(meta.get("k149999").asText()).isEqualTo("abcd");
        assertThat(utf8Bytes(line)).isBetween(2_500_000, 2_700_000);
    }

    @Test
    void theBigMetaLineCarriesA7MegabyteMetaWithinTheLineLimit() throws IOException {
        String line = HostileLines.line("meta-0", "t0", 0, "hi", HostileLines.bigMeta(HostileLines.BIG_META_BYTES));

        JsonNode parsed = JSON.readTree(line);

        assertThat(parsed.get("session_meta").get("notes").asText()).hasSize(HostileLines.BIG_META_BYTES);
        assertThat(utf8Bytes(line)).isLessThan(MAX_LINE_BYTES);
    }

    @Test
    void aBodyInFlightIsFourMegabytesInFortyLinesJustUnderFourMebibytes() throws IOException {
        byte[] body = HostileLines.bodyOfSize("in-flight", HostileLines.LINES_IN_FLIGHT, HostileLines.BODY_BYTES_IN_FLIGHT);

        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");

        assertThat(body).hasSize(HostileLines.BODY_BYTES_IN_FLIGHT);
        assertThat(body.length).isLessThan(4 * 1024 * 1024);
        assertThat(lines).hasSize(HostileLines.LINES_IN_FLIGHT);
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = JSON.readTree(lines[i]);
            assertThat(line.get("turn_id").asText()).isEqualTo("t" + i);
            assertThat(line.get("seq").asInt()).isEqualTo(i);
        }
    }

    @Test
    void aBigTurnIsOneMebibyteOfTextStartingWithItsNumberAndDiffersFromTheNext() {
        assertThat(HostileLines.bigTurn(7)).hasSize(1024 * 1024).startsWith("turn 7 ");
        assertThat(HostileLines.bigTurn(7).substring(10, 100)).isNotEqualTo(HostileLines.bigTurn(8).substring(10, 100));
    }

    @Test
    void answersAreCountedPerOutcomeInAlphabeticalOrderWithSpacedThousandsAndNotesLast() {
        Answers answers = new Answers();
        for (int i = 0; i < 1_100; i++) {
            answers.count("401");
        }
        answers.count("held open at the end");
        answers.count("ingest 200, line error");
        answers.note("most held open at once", 1_024);

        assertThat(answers).hasToString("401 × 1 100; held open at the end × 1; ingest 200, line error × 1; most held open at once: 1 024");
    }
}
