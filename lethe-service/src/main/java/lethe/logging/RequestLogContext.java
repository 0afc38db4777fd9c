package lethe.logging;

/** The names under which a request's id and user reach the logs: MDC keys and request attributes alike. */
public final class RequestLogContext {

    /** MDC key and request attribute: the request's id, also sent back as {@link #HEADER}. */
    public static final String REQUEST_ID = "request_id";
    /** MDC key and request attribute: the signed-in user's name, once authentication has admitted them. */
    public static final String USER = "user";
    public static final String HEADER = "X-Request-Id";

    private RequestLogContext() {
    }
}
