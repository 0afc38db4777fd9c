package lethe.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import lethe.api.Problem;
import lethe.api.ProblemCode;
import lethe.ui.ErrorPages;

import java.util.List;

/**
 * Builds every error response lethe sends: an RFC 7807 problem under {@code /api/}, an HTML page
 * elsewhere. Callers pass only safe, human-written text: never an exception message from a driver.
 */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.valueOf(Problem.MEDIA_TYPE);
    /** Headers of the original response that still matter on the error (challenges, retry hints). */
    private static final List<String> KEPT_HEADERS = List.of("WWW-Authenticate", "Allow", "Retry-After");

    private final ErrorPages errorPages;

    public ProblemResponses(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    /** Methods whose requests may carry a body that a refusal leaves unread. */
    public static boolean mayCarryBody(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    public static boolean isApiPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("api") || p.startsWith("api/");
    }

    public Response build(String path, ProblemCode code, int status, String detail, String errorId, Long line,
                          MultivaluedMap<String, Object> originalHeaders) {
        Response.ResponseBuilder builder = Response.status(status);
        if (isApiPath(path)) {
            builder.type(PROBLEM_JSON).entity(problem(code, status, detail, path, errorId, line));
        } else {
            builder.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(errorPages.render(status, code.title(), detail, errorId));
        }
        if (originalHeaders != null) {
            for (String name : KEPT_HEADERS) {
                List<Object> values = originalHeaders.get(name);
                if (values != null) {
                    values.forEach(value -> builder.header(name, value));
                }
            }
        }
        return builder.header("Cache-Control", "no-store").build();
    }

    public static Problem problem(ProblemCode code, int status, String detail, String instance, String errorId, Long line) {
        return new Problem("about:blank", code.title(), status, detail, code.name(),
                instance.startsWith("/") ? instance : "/" + instance, errorId, line);
    }

    /** The code for a status that reached us without one (Jersey's and Jetty's own errors). */
    public static ProblemCode codeFor(int status) {
        return switch (status) {
            case 400 -> ProblemCode.INVALID;
            case 401 -> ProblemCode.UNAUTHORIZED;
            case 403 -> ProblemCode.FORBIDDEN;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 408 -> ProblemCode.REQUEST_TIMEOUT;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 421 -> ProblemCode.MISDIRECTED_REQUEST;
            case 429 -> ProblemCode.RATE_LIMITED;
            case 503 -> ProblemCode.UNAVAILABLE;
            default -> status >= 500 ? ProblemCode.INTERNAL : ProblemCode.INVALID;
        };
    }

    /** A safe sentence for a status whose original message we do not pass on. */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication is required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not support that method.";
            case 406 -> "None of the accepted media types can be produced.";
            case 408 -> "The request arrived too slowly.";
            case 413 -> "The request is too large.";
            case 415 -> "This content type is not accepted here.";
            default -> status >= 500 ? "The server failed to handle the request." : "The request was refused.";
        };
    }
}
