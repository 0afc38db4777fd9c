package lethe.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One group of {@code GET /api/v1/usage} (or its totals): the group's keys as fields named as in
 * {@code group_by} ({@code "day": "2025-12-01"}, {@code "model": "…"}; a key the turns lacked, such as
 * a model never named, is JSON null), then the sums over the turns that reported usage.
 *
 * @param costUsd        US dollars; null when any of the group's turns used a model without a price
 * @param unpricedTurns  how many of the group's turns used a model without a price
 * (written for the API; readers parse it as a tree)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsageRow(
        @JsonIgnore Map<String, String> keys,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cache_read_tokens") long cacheReadTokens,
        @JsonProperty("cache_write_tokens") long cacheWriteTokens,
        @JsonProperty("turns") long turns,
        @JsonProperty("cost_usd") Double costUsd,
        @JsonProperty("unpriced_turns") long unpricedTurns) {

    public UsageRow {
        keys = keys == null ? new LinkedHashMap<>() : new LinkedHashMap<>(keys);
    }

    /** The group's key fields, written before the sums. */
    @JsonAnyGetter
    Map<String, String> keyFields() {
        return keys;
    }

    /** A key's value, such as {@code key("day")}. */
    public String key(String name) {
        return keys.get(name);
    }

    /** Every token counted, cache reads included. */
    public long totalTokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
