package lethe.ratelimit;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * {@code rate_limits:} — how fast one principal (a user; each of their API keys on its own) may call
 * lethe, so that one runaway collector cannot starve the others. Ingest and other writes draw on one
 * bucket, reads (API and pages) on another. The defaults are far above what a person or a collector
 * catching up on a backlog needs. Local mode has no limits.
 */
public class RateLimitConfig {

    @JsonProperty("enabled")
    private boolean enabled = true;

    /** Merged, so that a config naming only {@code burst} keeps the default rate and vice versa. */
    @Valid
    @NotNull
    @JsonMerge
    @JsonProperty("ingest")
    private BucketConfig ingest = new BucketConfig(200, 400);

    @Valid
    @NotNull
    @JsonMerge
    @JsonProperty("reads")
    private BucketConfig reads = new BucketConfig(1000, 2000);

    public boolean isEnabled() {
        return enabled;
    }

    public BucketConfig getIngest() {
        return ingest;
    }

    public BucketConfig getReads() {
        return reads;
    }
}
