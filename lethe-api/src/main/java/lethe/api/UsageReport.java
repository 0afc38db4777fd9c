package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/usage}: one row per group, in key order, and the totals of them all.
 *
 * @param groupBy  the keys each row carries, in the order asked
 * @param tz       the IANA zone days and months fall in
 * @param since    the start of the range counted (Unix seconds), null for "from the first turn"
 * @param until    the end of the range, exclusive, null for "to the last turn"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageReport(
        @JsonProperty("rows") List<UsageRow> rows,
        @JsonProperty("totals") UsageRow totals,
        @JsonProperty("group_by") List<String> groupBy,
        @JsonProperty("tz") String tz,
        @JsonProperty("since") Double since,
        @JsonProperty("until") Double until) {
}
