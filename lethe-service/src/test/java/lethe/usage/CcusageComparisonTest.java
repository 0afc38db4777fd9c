package lethe.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.importer.ImportOptions;
import lethe.importer.ImporterFixtures;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * SPEC §14: on the same real Claude Code transcripts, lethe's usage matches ccusage 18.0.11 where ccusage
 * is right. The transcripts go through the real importer into the real application; ccusage reads the
 * same files. Per day (and per directory, which is what ccusage calls a session): input, cache-write and
 * cache-read tokens equal, output tokens never below (ccusage counts the first copy of a streamed
 * response, lethe its final count), and dollars equal wherever the tokens are and lethe knows the model's
 * price (ccusage also prices names by substring, which lethe leaves unknown rather than guess).
 *
 * <p>Where ccusage is wrong, the test says by how much: ccusage drops repeated copies of a response only
 * when a line has both {@code message.id} and {@code requestId}; transcripts written through Bedrock carry
 * no {@code requestId}, so ccusage counts every streamed copy of such a response (four copies of one
 * response in {@code -tmp-private}). lethe counts each response once; the copies are worked out from the
 * files themselves ({@link RepeatedCopies}) and taken off ccusage's figures before comparing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CcusageComparisonTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final String ZONE = "UTC";
    static final PriceTable PRICES = PriceTable.bundled(new com.fasterxml.jackson.databind.ObjectMapper());
    static Path claudeDir;
    static RepeatedCopies repeated;

    @BeforeAll
    static void importTheFixtures() throws IOException {
        claudeDir = Files.createTempDirectory("claude-config");
        Path projects = claudeDir.resolve("projects");
        copy(Path.of(ResourceHelpers.resourceFilePath("fixtures/claude-code-usage/projects")), projects);
        copy(Path.of(ResourceHelpers.resourceFilePath("fixtures/claude-code/projects/sample-project")),
                projects.resolve("sample-project"));
        repeated = RepeatedCopies.in(projects);
        ImportOptions options = ImportOptions.of(List.of(projects), "laptop", claudeDir.resolve("state.json"));
        ImporterFixtures.runOnce(options, ImporterFixtures.serverSink(APP.getLocalPort(), "alice"));
    }

    static JsonNode lethe(String query) {
        Http.Response response = Http.to(APP.getLocalPort()).as("alice").get("/api/v1/usage?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void everyDayMatchesCcusagesDailyReport() throws Exception {
        JsonNode ccusage = Ccusage.report("daily", claudeDir, ZONE);
        Map<String, JsonNode> letheDays = new HashMap<>();
        lethe("group_by=day&tz=" + ZONE).get("rows").forEach(row -> letheDays.put(row.get("day").asText(), row));

        List<JsonNode> days = Ccusage.list(ccusage.get("daily"));
        assertThat(days).hasSizeGreaterThanOrEqualTo(5);
        assertThat(letheDays.keySet()).containsExactlyInAnyOrderElementsOf(days.stream().map(d -> d.get("date").asText()).toList());
        int pricedAndEqual = 0;
        for (JsonNode day : days) {
            String date = day.get("date").asText();
            if (compare(date, day, letheDays.get(date), repeated.byDay(date))) {
                pricedAndEqual++;
            }
        }
        assertThat(pricedAndEqual).as("days whose dollars could be compared").isGreaterThanOrEqualTo(4);
    }

    @Test
    void everyDirectoryMatchesCcusagesSessionReport() throws Exception {
        JsonNode ccusage = Ccusage.report("session", claudeDir, ZONE);
        Map<String, String> directoryOfSession = new HashMap<>();
        Http.to(APP.getLocalPort()).as("alice").get("/api/v1/sessions?limit=500").json().get("sessions")
                .forEach(s -> directoryOfSession.put(s.get("session_id").asText(),
                        directoryName(s.get("meta").get("source_file").asText())));
        Map<String, long[]> byDirectory = new TreeMap<>();
        Map<String, Double> costByDirectory = new HashMap<>();
        for (JsonNode row : lethe("group_by=session").get("rows")) {
            String directory = directoryOfSession.get(row.get("session").asText());
            long[] sums = byDirectory.computeIfAbsent(directory, d -> new long[4]);
            sums[0] += row.get("input_tokens").asLong();
            sums[1] += row.get("output_tokens").asLong();
            sums[2] += row.get("cache_write_tokens").asLong();
            sums[3] += row.get("cache_read_tokens").asLong();
            Double cost = row.get("cost_usd").isNull() ? null : row.get("cost_usd").asDouble();
            costByDirectory.merge(directory, cost == null ? Double.NaN : cost, Double::sum);
        }

        List<JsonNode> sessions = Ccusage.list(ccusage.get("sessions"));
        assertThat(byDirectory.keySet()).containsExactlyInAnyOrderElementsOf(
                sessions.stream().map(s -> s.get("sessionId").asText()).toList());
        for (JsonNode session : sessions) {
            String directory = session.get("sessionId").asText();
            long[] sums = byDirectory.get(directory);
            long[] extra = repeated.byDirectory(directory);
            assertThat(sums[0]).as("input tokens in " + directory).isEqualTo(session.get("inputTokens").asLong() - extra[0]);
            assertThat(sums[1]).as("output tokens in " + directory)
                    .isGreaterThanOrEqualTo(session.get("outputTokens").asLong() - extra[1]);
            assertThat(sums[2]).as("cache-write tokens in " + directory)
                    .isEqualTo(session.get("cacheCreationTokens").asLong() - extra[2]);
            assertThat(sums[3]).as("cache-read tokens in " + directory)
                    .isEqualTo(session.get("cacheReadTokens").asLong() - extra[3]);
            double cost = costByDirectory.get(directory);
            if (sums[1] == session.get("outputTokens").asLong() && extra[0] + extra[2] + extra[3] == 0 && !Double.isNaN(cost)) {
                assertThat(cost).as("dollars in " + directory).isCloseTo(session.get("totalCost").asDouble(), within(1e-9));
            }
        }
    }

    /**
     * Asserts the tokens; returns whether the dollars were compared too: on days of one priced model where
     * ccusage counted each response once, lethe's cost is ccusage's plus lethe's extra output tokens at that
     * model's output price (no single response here comes near 200 000 output tokens).
     */
    private static boolean compare(String date, JsonNode ccusage, JsonNode lethe, long[] extra) {
        assertThat(lethe.get("input_tokens").asLong()).as("input tokens on " + date)
                .isEqualTo(ccusage.get("inputTokens").asLong() - extra[0]);
        assertThat(lethe.get("cache_write_tokens").asLong()).as("cache-write tokens on " + date)
                .isEqualTo(ccusage.get("cacheCreationTokens").asLong() - extra[2]);
        assertThat(lethe.get("cache_read_tokens").asLong()).as("cache-read tokens on " + date)
                .isEqualTo(ccusage.get("cacheReadTokens").asLong() - extra[3]);
        long output = lethe.get("output_tokens").asLong();
        assertThat(output).as("output tokens on " + date).isGreaterThanOrEqualTo(ccusage.get("outputTokens").asLong() - extra[1]);
        boolean ccusageRight = extra[0] + extra[1] + extra[2] + extra[3] == 0;
        List<JsonNode> models = Ccusage.list(ccusage.get("modelsUsed"));
        if (!ccusageRight || models.size() != 1 || lethe.get("cost_usd").isNull()) {
            return false;
        }
        // lethe's extra output tokens (final counts of streamed responses) at the model's output price
        double outputPrice = PRICES.find(models.get(0).asText()).orElseThrow().output();
        double expected = ccusage.get("totalCost").asDouble() + (output - ccusage.get("outputTokens").asLong()) * outputPrice;
        assertThat(lethe.get("cost_usd").asDouble()).as("dollars on " + date).isCloseTo(expected, within(1e-9));
        return true;
    }

    /** ccusage names a "session" after the directory its file lies in. */
    private static String directoryName(String sourceFile) {
        Path parent = Path.of(sourceFile).getParent();
        return parent.getFileName().toString();
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
