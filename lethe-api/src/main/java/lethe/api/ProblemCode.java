package lethe.api;

/** The values of a {@link Problem}'s {@code code}, with the HTTP status each is sent with. */
public enum ProblemCode {
    INVALID(400, "Invalid request"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    REQUEST_TIMEOUT(408, "Request timeout"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    MISDIRECTED_REQUEST(421, "Misdirected request"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL(500, "Internal server error"),
    DB_OPEN(503, "Database cannot be opened"),
    DB_UNAVAILABLE(503, "Database unavailable"),
    IDP_UNAVAILABLE(503, "Identity provider unavailable"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
