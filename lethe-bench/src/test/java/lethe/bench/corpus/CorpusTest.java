package lethe.bench.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,256}");
    private static final int TURNS = 12_000;

    private static byte[] corpus;
    private static Corpus.Summary summary;
    private static List<JsonNode> lines;

    @BeforeAll
    static void generate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary = Corpus.write(TURNS, 7, out);
        corpus = out.toByteArray();
        lines = new ArrayList<>();
        for (String line : new String(corpus, StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws IOException {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Corpus.write(TURNS, 7, again);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        Corpus.write(TURNS, 8, other);

        assertThat(again.toByteArray()).isEqualTo(corpus);
        assertThat(other.toByteArray()).isNotEqualTo(corpus);
    }

    @Test
    void writesExactlyTheAskedNumberOfTurnsOneJsonObjectPerLine() {
        assertThat(lines).hasSize(TURNS);
        assertThat(summary.turns()).isEqualTo(TURNS);
        assertThat(summary.bytes()).isEqualTo(corpus.length);
        assertThat(corpus[corpus.length - 1]).isEqualTo((byte) '\n');
    }

    @Test
    void everyLineKeepsTheWireContract() {
        for (JsonNode line : lines) {
            for (String id : List.of("tool", "host", "session_id")) {
                assertThat(line.get(id).asText()).matches(SAFE_ID);
            }
            assertThat(line.get("turn_id").asText()).hasSizeBetween(1, 256);
            assertThat(line.get("seq").isIntegralNumber()).isTrue();
            assertThat(line.get("role").asText()).isIn("user", "assistant", "system", "tool");
            assertThat(line.get("timestamp").isNumber()).isTrue();
            assertThat(line.get("content").isTextual()).isTrue();
        }
    }

    @Test
    void sessionsRunFrom20To2000TurnsInSeqOrderAndTheFirstIsTheLongest() {
        Map<String, List<Long>> seqs = new HashMap<>();
        for (JsonNode line : lines) {
            seqs.computeIfAbsent(key(line), k -> new ArrayList<>()).add(line.get("seq").asLong());
        }
        assertThat(seqs).hasSize(summary.sessions());
        seqs.values().forEach(order -> {
            assertThat(order).isSorted();
            assertThat(order.size()).isBetween(Corpus.MIN_SESSION, Corpus.MAX_SESSION);
        });
        String longest = summary.longestTool() + "/" + summary.longestHost() + "/" + summary.longestSessionId();
        assertThat(seqs.get(longest)).hasSize(2_000);
    }

    @Test
    void contentSizesHaveALongTailUpTo50KiB() {
        List<Integer> sizes = lines.stream()
                .map(line -> line.get("content").asText().getBytes(StandardCharsets.UTF_8).length).sorted().toList();
        assertThat(sizes.get(0)).isLessThan(100);
        assertThat(sizes.get(sizes.size() / 2)).isBetween(100, 2_000);
        assertThat(sizes.get(sizes.size() - 1)).isBetween(40_000, Content.MAX_TOOL_OUTPUT);
    }

    @Test
    void someContentIsEmojiCjkOrRightToLeft() {
        String all = lines.stream().map(line -> line.get("content").asText()).collect(Collectors.joining("\n"));
        assertThat(all).contains("🚀").containsPattern("\\p{IsHan}").containsPattern("\\p{IsArabic}").containsPattern("\\p{IsHebrew}");
    }

    @Test
    void timestampsSpreadOverAYearAndSessionsOverSeveralToolsAndHosts() {
        double first = lines.stream().mapToDouble(line -> line.get("timestamp").asDouble()).min().orElseThrow();
        double last = lines.stream().mapToDouble(line -> line.get("timestamp").asDouble()).max().orElseThrow();
        Set<String> tools = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        lines.forEach(line -> {
            tools.add(line.get("tool").asText());
            hosts.add(line.get("host").asText());
        });

        assertThat(last - first).isGreaterThan(300 * 86_400.0);
        assertThat(first).isGreaterThanOrEqualTo(Corpus.YEAR_START_MILLIS / 1000.0);
        assertThat(tools).hasSizeGreaterThanOrEqualTo(3);
        assertThat(hosts).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void namedSizesAndPlainNumbersBothWork() {
        assertThat(CorpusSize.parseTurns("small")).isEqualTo(20_000);
        assertThat(CorpusSize.parseTurns("medium")).isEqualTo(200_000);
        assertThat(CorpusSize.parseTurns("large")).isEqualTo(1_000_000);
        assertThat(CorpusSize.parseTurns("1500000")).isEqualTo(1_500_000);
    }

    private static String key(JsonNode line) {
        return line.get("tool").asText() + "/" + line.get("host").asText() + "/" + line.get("session_id").asText();
    }
}
