package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.api.TurnEvent;
import lethe.api.Usage;
import lethe.importer.StdoutSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static lethe.importer.ImporterFixtures.JSON;
import static lethe.importer.ImporterFixtures.copyOfAssistantFixtures;
import static lethe.importer.ImporterFixtures.options;
import static lethe.importer.ImporterFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The importer's tokens per day against those of ccusage 18.0.11 ({@code ccusage daily --json --offline},
 * the tool people check their Claude Code usage with), both run over the same real transcripts.
 *
 * <p>Input, cache-write and cache-read tokens must be equal; output tokens may only be higher, because
 * ccusage keeps the first copy of a streamed response and lethe its final one. Where a response has no
 * {@code requestId} (Claude through Bedrock), ccusage cannot tell its copies apart and counts each of them;
 * lethe counts it once, which is checked against the transcripts themselves.
 */
class TokensAgainstCcusageTest {

    /** Claude through Bedrock: responses written several times without a requestId. */
    static final String WITHOUT_REQUEST_IDS = "codemie-code/";
    /** Synthetic lines without a uuid, which the importer reports as malformed and sends nothing of. */
    static final String WITHOUT_UUIDS = "agentsview/";

    static Path fixtures;

    @BeforeAll
    static void copyTheFixtures() {
        fixtures = copyOfAssistantFixtures();
    }

    @Test
    void tokensPerDayEqualCcusagesForInputAndCacheAndAreNeverBelowItForOutput() throws Exception {
        Path configDir = claudeConfigDir(path -> !path.startsWith(WITHOUT_REQUEST_IDS) && !path.startsWith(WITHOUT_UUIDS));

        Map<String, long[]> ccusage = ccusageDaily(configDir);
        Map<String, long[]> lethe = letheDaily(configDir.resolve("projects"));

        print("requestId present", ccusage, lethe);
        assertThat(ccusage).hasSizeGreaterThanOrEqualTo(7);
        assertThat(lethe.keySet()).isEqualTo(ccusage.keySet());
        ccusage.forEach((day, theirs) -> {
            long[] ours = lethe.get(day);
            assertThat(ours[INPUT]).as(day + " input").isEqualTo(theirs[INPUT]);
            assertThat(ours[CACHE_WRITE]).as(day + " cache write").isEqualTo(theirs[CACHE_WRITE]);
            assertThat(ours[CACHE_READ]).as(day + " cache read").isEqualTo(theirs[CACHE_READ]);
            assertThat(ours[OUTPUT]).as(day + " output").isGreaterThanOrEqualTo(theirs[OUTPUT]);
        });
        assertThat(lethe.values().stream().mapToLong(day -> day[OUTPUT]).sum())
                .as("streamed responses' final output counts")
                .isGreaterThan(ccusage.values().stream().mapToLong(day -> day[OUTPUT]).sum());
    }

    @Test
    void aResponseWithoutARequestIdIsCountedOnceWhereCcusageCountsEveryCopy() throws Exception {
        Path configDir = claudeConfigDir(path -> path.startsWith(WITHOUT_REQUEST_IDS));

        Map<String, long[]> ccusage = ccusageDaily(configDir);
        Map<String, long[]> lethe = letheDaily(configDir.resolve("projects"));
        Map<String, long[]> firstCopies = firstCopyOfEachMessage(configDir.resolve("projects"));

        print("no requestId", ccusage, lethe);
        assertThat(lethe.keySet()).isEqualTo(ccusage.keySet()).isEqualTo(firstCopies.keySet());
        firstCopies.forEach((day, once) -> {
            long[] ours = lethe.get(day);
            long[] theirs = ccusage.get(day);
            assertThat(ours[INPUT]).as(day + " input").isEqualTo(once[INPUT]);
            assertThat(ours[CACHE_WRITE]).as(day + " cache write").isEqualTo(once[CACHE_WRITE]);
            assertThat(ours[CACHE_READ]).as(day + " cache read").isEqualTo(once[CACHE_READ]);
            assertThat(theirs[CACHE_WRITE]).as(day + " ccusage's cache write").isGreaterThan(ours[CACHE_WRITE]);
        });
    }

    static final int INPUT = 0;
    static final int OUTPUT = 1;
    static final int CACHE_WRITE = 2;
    static final int CACHE_READ = 3;

    /** A Claude config directory whose {@code projects/} holds the fixture files the filter lets through. */
    private static Path claudeConfigDir(Predicate<String> include) throws IOException {
        Path configDir = Files.createTempDirectory("claude-config");
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = fixtures.relativize(file).toString().replace('\\', '/');
                if ((relative.endsWith(".jsonl") || relative.endsWith(".meta.json")) && include.test(relative)) {
                    Path copy = configDir.resolve("projects").resolve(relative);
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return configDir;
    }

    private static Map<String, long[]> ccusageDaily(Path configDir) throws Exception {
        Path ccusage = Path.of(System.getProperty("ccusage.bin", "../.ci/node_modules/.bin/ccusage"));
        assertThat(ccusage).as("ccusage 18.0.11 (installed by .ci/run: npm install --no-save --prefix .ci ccusage@18.0.11)")
                .isRegularFile().isExecutable();
        ProcessBuilder builder = new ProcessBuilder(ccusage.toAbsolutePath().toString(), "daily", "--json", "--offline")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CLAUDE_CONFIG_DIR", configDir.toString());
        builder.environment().put("TZ", "UTC");
        Process process = builder.start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ccusage finished within 2 minutes").isTrue();
        assertThat(process.exitValue()).as("ccusage's exit status").isZero();
        Map<String, long[]> days = new TreeMap<>();
        for (JsonNode day : JSON.readTree(output.get()).path("daily")) {
            days.put(day.path("date").asText(), new long[] {
                    day.path("inputTokens").asLong(), day.path("outputTokens").asLong(),
                    day.path("cacheCreationTokens").asLong(), day.path("cacheReadTokens").asLong()});
        }
        return days;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The importer's turns (each once, as the server keeps them) summed per UTC day. */
    private static Map<String, long[]> letheDaily(Path projects) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runOnce(options(projects, "laptop").withDryRun(true), new StdoutSink(out));
        Map<String, TurnEvent> turns = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            TurnEvent turn = JSON.readValue(line, TurnEvent.class);
            turns.put(turn.sessionId() + " " + turn.turnId(), turn);
        }
        Map<String, long[]> days = new TreeMap<>();
        for (TurnEvent turn : turns.values()) {
            Usage usage = turn.usage();
            if (usage == null) {
                continue;
            }
            long[] day = days.computeIfAbsent(day(turn.timestamp()), d -> new long[4]);
            day[INPUT] += orZero(usage.inputTokens());
            day[OUTPUT] += orZero(usage.outputTokens());
            day[CACHE_WRITE] += orZero(usage.cacheWriteTokens());
            day[CACHE_READ] += orZero(usage.cacheReadTokens());
        }
        return days;
    }

    /** From the transcripts themselves: each {@code message.id}'s first copy, per UTC day. */
    private static Map<String, long[]> firstCopyOfEachMessage(Path projects) throws IOException {
        Set<String> seen = new HashSet<>();
        Map<String, long[]> days = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(projects)) {
            files = walk.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            for (String text : Files.readAllLines(file)) {
                JsonNode line = JSON.readTree(text);
                JsonNode usage = line.path("message").path("usage");
                if (!usage.isObject() || !seen.add(line.path("message").path("id").asText())) {
                    continue;
                }
                long[] day = days.computeIfAbsent(day(Instant.parse(line.path("timestamp").asText()).getEpochSecond()), d -> new long[4]);
                day[INPUT] += usage.path("input_tokens").asLong();
                day[OUTPUT] += usage.path("output_tokens").asLong();
                day[CACHE_WRITE] += usage.path("cache_creation_input_tokens").asLong();
                day[CACHE_READ] += usage.path("cache_read_input_tokens").asLong();
            }
        }
        return days;
    }

    private static String day(double epochSeconds) {
        return Instant.ofEpochMilli((long) (epochSeconds * 1000)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** The comparison, in the test's output (target/surefire-reports), for the record in docs/importer.md. */
    private static void print(String set, Map<String, long[]> ccusage, Map<String, long[]> lethe) {
        System.out.println("tokens per day, " + set + ": day | input | output | cache write | cache read (ccusage / lethe)");
        ccusage.forEach((day, theirs) -> {
            long[] ours = lethe.getOrDefault(day, new long[4]);
            System.out.printf("%s | %d / %d | %d / %d | %d / %d | %d / %d%n", day, theirs[INPUT], ours[INPUT],
                    theirs[OUTPUT], ours[OUTPUT], theirs[CACHE_WRITE], ours[CACHE_WRITE], theirs[CACHE_READ], ours[CACHE_READ]);
        });
    }
}
