package lethe.guard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/**
 * {@code request_limits:} — what one client may hold of the server, so that slow or many connections from
 * one address or one user never leave the others without a worker thread.
 */
public class RequestLimitsConfig {

    /** A body arriving slower than this on average is cut off with 408 (one byte every 10 s is an attack). */
    @Min(0)
    @JsonProperty("min_body_bytes_per_second")
    private long minBodyBytesPerSecond = 512;

    /** A connection that sends nothing for this long, mid-body or between requests, is closed. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty("body_idle_timeout")
    private Duration bodyIdleTimeout = Duration.seconds(10);

    /** Requests in flight from one TCP peer that is not a trusted proxy (a proxy carries everyone's). */
    @Min(1)
    @JsonProperty("max_open_requests_per_address")
    private int maxOpenRequestsPerAddress = 32;

    /** Requests in flight for one signed-in user, however many connections, keys or proxies they use. */
    @Min(1)
    @JsonProperty("max_open_requests_per_user")
    private int maxOpenRequestsPerUser = 16;

    public long getMinBodyBytesPerSecond() {
        return minBodyBytesPerSecond;
    }

    public Duration getBodyIdleTimeout() {
        return bodyIdleTimeout;
    }

    public int getMaxOpenRequestsPerAddress() {
        return maxOpenRequestsPerAddress;
    }

    public int getMaxOpenRequestsPerUser() {
        return maxOpenRequestsPerUser;
    }
}
