package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Token counts reported by the model for one response; every field is optional. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
        @JsonProperty("input_tokens") Long inputTokens,
        @JsonProperty("output_tokens") Long outputTokens,
        @JsonProperty("cache_read_tokens") Long cacheReadTokens,
        @JsonProperty("cache_write_tokens") Long cacheWriteTokens) {

    public static final Usage NONE = new Usage(null, null, null, null);

    /** Not a field: without the annotation Jackson would write it as {@code "empty": false}. */
    @JsonIgnore
    public boolean isEmpty() {
        return inputTokens == null && outputTokens == null && cacheReadTokens == null && cacheWriteTokens == null;
    }
}
