package lethe.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** One token bucket's shape: a steady rate, and how many requests may come at once after a pause. */
public class BucketConfig {

    @DecimalMin(value = "0.001", message = "must be at least 0.001 (one request in about 17 minutes)")
    @JsonProperty("requests_per_second")
    private double requestsPerSecond;

    @Min(1)
    @Max(1_000_000)
    @JsonProperty("burst")
    private int burst;

    public BucketConfig() {
    }

    public BucketConfig(double requestsPerSecond, int burst) {
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public int getBurst() {
        return burst;
    }
}
