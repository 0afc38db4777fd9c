package lethe.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.config.ConfigInvalidException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Model prices in LiteLLM's {@code model_prices_and_context_window.json} format: the snapshot bundled
 * as {@code pricing/model-prices.json} (from ccusage, MIT, which takes it from LiteLLM), or an operator's
 * file in the same format (LiteLLM's full file, or negotiated prices).
 *
 * <p>A model name is looked up as given, then without a provider prefix ({@code anthropic/},
 * {@code bedrock/us-east-1/}: everything up to the last {@code /}), then also without a date suffix
 * ({@code -20250514}, {@code @20250514}, {@code -2025-05-14}). Nothing fuzzier: a near miss priced at
 * some other model's rate would be a wrong figure that looks right, so an unmatched name stays unknown.
 */
public final class PriceTable {

    public static final String BUNDLED = "pricing/model-prices.json";
    private static final Pattern DATE_SUFFIX = Pattern.compile("(?:[-@]\\d{8}|-\\d{4}-\\d{2}-\\d{2})$");

    private final Map<String, ModelPrice> prices;
    /** Names asked for repeatedly (every usage query prices each model it meets): the answer, or empty. */
    private final Map<String, Optional<ModelPrice>> resolved = new ConcurrentHashMap<>();

    private PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable bundled(ObjectMapper mapper) {
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath");
            }
            return parse(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operator's file; anything unreadable stops startup with the key named. */
    public static PriceTable fromFile(ObjectMapper mapper, Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigInvalidException("pricing.file " + file + " cannot be read as JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigInvalidException("pricing.file " + file + " must hold a JSON object of model names to prices.");
        }
        PriceTable table = parse(root);
        if (table.prices.isEmpty()) {
            throw new ConfigInvalidException("pricing.file " + file + " names no model with input_cost_per_token or output_cost_per_token.");
        }
        return table;
    }

    /** Entries that are not objects, or give neither an input nor an output price, are left out (LiteLLM's file has a few). */
    static PriceTable parse(JsonNode root) {
        Map<String, ModelPrice> prices = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode node = entry.getValue();
            if (!node.isObject()) {
                continue;
            }
            ModelPrice price = new ModelPrice(
                    number(node, "input_cost_per_token"), number(node, "output_cost_per_token"),
                    number(node, "cache_creation_input_token_cost"), number(node, "cache_read_input_token_cost"),
                    number(node, "input_cost_per_token_above_200k_tokens"),
                    number(node, "output_cost_per_token_above_200k_tokens"),
                    number(node, "cache_creation_input_token_cost_above_200k_tokens"),
                    number(node, "cache_read_input_token_cost_above_200k_tokens"));
            if (price.input() != null || price.output() != null) {
                prices.put(entry.getKey(), price);
            }
        }
        return new PriceTable(prices);
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() && value.doubleValue() >= 0 ? value.doubleValue() : null;
    }

    public int size() {
        return prices.size();
    }

    /** The price of {@code model}, or empty when the table does not know it (or no model was named). */
    public Optional<ModelPrice> find(String model) {
        if (model == null || model.isEmpty()) {
            return Optional.empty();
        }
        return resolved.computeIfAbsent(model, this::lookUp);
    }

    private Optional<ModelPrice> lookUp(String model) {
        ModelPrice exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String bare = model.substring(model.lastIndexOf('/') + 1);
        ModelPrice unprefixed = prices.get(bare);
        if (unprefixed != null) {
            return Optional.of(unprefixed);
        }
        String undated = DATE_SUFFIX.matcher(bare).replaceFirst("");
        return Optional.ofNullable(prices.get(undated));
    }
}
