package lethe.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** The {@code prometheus:} block of {@code config.yml}. */
public class PrometheusConfig {

    /**
     * How old the stored sessions/turns counts may be when a scrape reads them. Counting a million
     * turns takes tens of milliseconds, so a scrape every few seconds must not pay it every time.
     */
    @NotNull
    @JsonProperty("stored_counts_max_age")
    private Duration storedCountsMaxAge = Duration.seconds(30);

    public Duration getStoredCountsMaxAge() {
        return storedCountsMaxAge;
    }
}
