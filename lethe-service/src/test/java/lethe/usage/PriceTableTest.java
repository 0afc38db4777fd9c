package lethe.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.config.ConfigInvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * SPEC §14: the bundled LiteLLM-format price table, how model names find their price, and the cost of
 * responses against figures worked out by hand from the table's per-token prices.
 */
class PriceTableTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final PriceTable BUNDLED = PriceTable.bundled(JSON);
    /** Close enough for dollars: the arithmetic is in doubles. */
    static final double CENT_FRACTION = 1e-9;

    /** claude-sonnet-4-5: $3 / $15 / $3.75 / $0.30 per million; above 200k: $6 / $22.50 / $7.50 / $0.60. */
    static ModelPrice sonnet() {
        return BUNDLED.find("claude-sonnet-4-5").orElseThrow();
    }

    static TokenSums response(long input, long output, long cacheRead, long cacheWrite) {
        return TokenSums.ofResponse(input, output, cacheRead, cacheWrite);
    }

    @Test
    void theBundledTableHoldsEveryModelOfTheSnapshot() {
        assertThat(BUNDLED.size()).isEqualTo(119);
    }

    @Test
    void eachKindOfTokenHasItsOwnPrice() {
        assertThat(sonnet().cost(response(1_000, 0, 0, 0))).isCloseTo(0.003, within(CENT_FRACTION));
        assertThat(sonnet().cost(response(0, 500, 0, 0))).isCloseTo(0.0075, within(CENT_FRACTION));
        assertThat(sonnet().cost(response(0, 0, 30_000, 0))).isCloseTo(0.009, within(CENT_FRACTION));
        assertThat(sonnet().cost(response(0, 0, 0, 2_000))).isCloseTo(0.0075, within(CENT_FRACTION));
        assertThat(sonnet().cost(response(1_000, 500, 30_000, 2_000))).isCloseTo(0.027, within(CENT_FRACTION));
    }

    @Test
    void tokensOfOneResponseAboveTwoHundredThousandCostTheTierPriceEachKindOnItsOwn() {
        // 200 000 × $3/M + 50 000 × $6/M
        assertThat(sonnet().cost(response(250_000, 0, 0, 0))).isCloseTo(0.90, within(CENT_FRACTION));
        // 200 000 × $15/M + 10 000 × $22.50/M
        assertThat(sonnet().cost(response(0, 210_000, 0, 0))).isCloseTo(3.225, within(CENT_FRACTION));
        // 200 000 × $0.30/M + 100 000 × $0.60/M
        assertThat(sonnet().cost(response(0, 0, 300_000, 0))).isCloseTo(0.12, within(CENT_FRACTION));
        // 200 000 × $3.75/M + 200 000 × $7.50/M
        assertThat(sonnet().cost(response(0, 0, 0, 400_000))).isCloseTo(2.25, within(CENT_FRACTION));
        // 150 000 input and 150 000 cache read: neither kind passes the threshold on its own
        assertThat(sonnet().cost(response(150_000, 0, 150_000, 0))).isCloseTo(0.45 + 0.045, within(CENT_FRACTION));
    }

    @Test
    void theTierIsDecidedPerResponseNotOnASum() {
        TokenSums twoResponses = response(150_000, 0, 0, 0).plus(response(150_000, 0, 0, 0));
        TokenSums oneResponse = response(300_000, 0, 0, 0);

        assertThat(sonnet().cost(twoResponses)).isCloseTo(0.90, within(CENT_FRACTION));
        // 200 000 × $3/M + 100 000 × $6/M
        assertThat(sonnet().cost(oneResponse)).isCloseTo(1.20, within(CENT_FRACTION));
        assertThat(sonnet().cost(oneResponse.plus(twoResponses))).isCloseTo(2.10, within(CENT_FRACTION));
    }

    @Test
    void aModelWithoutTierPricesPaysTheBasePriceThroughout() {
        ModelPrice haiku = BUNDLED.find("claude-3-haiku-20240307").orElseThrow();
        // 300 000 × $0.25/M
        assertThat(haiku.cost(response(300_000, 0, 0, 0))).isCloseTo(0.075, within(CENT_FRACTION));
    }

    @Test
    void aKindTheTableGivesNoPriceForCostsNothing() {
        ModelPrice mini = BUNDLED.find("gpt-5.4-mini").orElseThrow();
        assertThat(mini.cacheWrite()).isNull();
        // 1 000 × $0.75/M; the 5 000 cache-write tokens have no price in the table
        assertThat(mini.cost(response(1_000, 0, 0, 5_000))).isCloseTo(0.00075, within(CENT_FRACTION));
    }

    @ParameterizedTest(name = "{0} is priced as {1}")
    @CsvSource({
            "claude-sonnet-4-20250514, claude-sonnet-4-20250514",
            "anthropic/claude-opus-4-7, claude-opus-4-7",
            "bedrock/us-east-1/claude-haiku-4-5, claude-haiku-4-5",
            "openai/gpt-5.4-mini, gpt-5.4-mini",
            "claude-sonnet-4-6-20260101, claude-sonnet-4-6",
            "claude-sonnet-4-6@20260101, claude-sonnet-4-6",
            "gpt-5.4-mini-2026-03-17, gpt-5.4-mini",
            "anthropic/claude-opus-4-6-20990101, claude-opus-4-6",
            "azure/gpt-5, azure/gpt-5"})
    void namesMatchExactlyThenWithoutProviderThenWithoutDate(String asked, String entry) {
        assertThat(BUNDLED.find(asked)).isPresent().get().isSameAs(BUNDLED.find(entry).orElseThrow());
    }

    @Test
    void anExactEntryWinsOverTheNameWithoutItsPrefix() throws IOException {
        PriceTable table = PriceTable.parse(JSON.readTree("""
                {"azure/gpt-x": {"input_cost_per_token": 2e-6}, "gpt-x": {"input_cost_per_token": 1e-6}}"""));
        assertThat(table.find("azure/gpt-x").orElseThrow().input()).isEqualTo(2e-6);
        assertThat(table.find("openai/gpt-x").orElseThrow().input()).isEqualTo(1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4", "sonnet", "some-local-model", "<synthetic>", "claude-opus-4-7-v2", ""})
    void aNameWithoutAnEntryIsUnknownNotFree(String model) {
        assertThat(BUNDLED.find(model)).isEmpty();
    }

    @Test
    void noModelNamedIsUnknown() {
        assertThat(BUNDLED.find(null)).isEmpty();
    }

    @Test
    void anOperatorsFileReplacesTheBundledTable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"sample_spec": {"input_cost_per_token": 0, "litellm_provider": "openai"},
                 "our-model": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
                 "an-image-model": {"output_cost_per_image": 0.04}}""");
        PriceTable table = PriceTable.fromFile(JSON, file);

        assertThat(table.find("our-model").orElseThrow().cost(response(1_000, 1_000, 0, 0)))
                .isCloseTo(0.003, within(CENT_FRACTION));
        assertThat(table.find("claude-sonnet-4-5")).isEmpty();
        assertThat(table.find("an-image-model")).isEmpty();
    }

    @Test
    void anUnreadableFileStopsStartupNamingTheKey(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"our-model\": ");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{\"x\": {\"max_tokens\": 10}}");

        assertThatThrownBy(() -> PriceTable.fromFile(JSON, dir.resolve("missing.json")))
                .isInstanceOf(ConfigInvalidException.class).hasMessageContaining("pricing.file");
        assertThatThrownBy(() -> PriceTable.fromFile(JSON, broken))
                .isInstanceOf(ConfigInvalidException.class).hasMessageContaining("pricing.file");
        assertThatThrownBy(() -> PriceTable.fromFile(JSON, empty))
                .isInstanceOf(ConfigInvalidException.class).hasMessageContaining("names no model");
    }
}
