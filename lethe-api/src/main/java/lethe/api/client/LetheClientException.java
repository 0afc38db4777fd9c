package lethe.api.client;

import lethe.api.Problem;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A request that lethe refused or that never got an answer. For a refusal, {@link #status()},
 * {@link #code()} and {@link #detail()} come from the server's {@code application/problem+json} body
 * (code {@code INVALID}, {@code UNAUTHORIZED}, {@code PAYLOAD_TOO_LARGE}, …); without any answer the
 * status is 0 and the cause is the network error.
 */
public class LetheClientException extends IOException {

    private final int status;
    private final transient Problem problem;
    private final Duration retryAfter;
    private final int attempts;

    LetheClientException(String message, int status, Problem problem, Duration retryAfter, int attempts,
                         Throwable cause) {
        super(message, cause);
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** lethe's machine-readable problem code, when the answer was a problem document. */
    public Optional<String> code() {
        return problem == null ? Optional.empty() : Optional.ofNullable(problem.code());
    }

    /** The server's explanation (the problem's {@code detail}), or a description of the network failure. */
    public String detail() {
        if (problem != null && problem.detail() != null) {
            return problem.detail();
        }
        return getMessage();
    }

    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The wait the server asked for ({@code Retry-After}), if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How many attempts were made before giving up. */
    public int attempts() {
        return attempts;
    }

    /** True for failures that may pass on their own: no answer, a 5xx, or 429. A 4xx will not change by resending. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }
}
