package lethe.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import lethe.api.Problem;
import lethe.api.ProblemCode;
import lethe.ui.ErrorPages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The one writer of every error lethe sends, whoever refuses the request: Jersey's exception mapper, the
 * servlet filters that refuse before Jersey, and Jetty's error handler for requests that never reach a
 * servlet. Each asks {@link #render} for the body, so every error follows the same rule for HTML versus an
 * RFC 7807 problem ({@link #wantsHtml}) and the same text. Callers pass only safe, human-written detail:
 * never an exception message from a driver.
 */
public final class ProblemWriter {

    public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;
    public static final String HTML = "text/html;charset=utf-8";
    /** Headers of the original response that still matter on the error (challenges, retry hints). */
    private static final List<String> KEPT_HEADERS = List.of("WWW-Authenticate", "Allow", "Retry-After");

    private final ObjectMapper mapper;
    private final ErrorPages errorPages;

    public ProblemWriter(ObjectMapper mapper, ErrorPages errorPages) {
        this.mapper = mapper;
        this.errorPages = errorPages;
    }

    /** An error ready to send: its content type and bytes. */
    public record Rendered(String contentType, byte[] body) {
    }

    /**
     * The one rule. The {@code Accept} header decides when it prefers one of the two: a browser (which
     * asks for {@code text/html} above everything else) gets a page, a client asking for JSON or
     * {@code application/problem+json} gets a problem. When it prefers neither (absent, {@code *}{@code /*},
     * an image type, equal weights) the path decides: under {@code /api/} a problem, elsewhere a page.
     *
     * @param path   the decoded request path, or null when the request was too malformed to have one
     * @param accept the request's {@code Accept} header, or null
     */
    public static boolean wantsHtml(String path, String accept) {
        double html = AcceptHeader.weight(accept, "text", "html");
        double json = Math.max(AcceptHeader.weight(accept, "application", "json"),
                AcceptHeader.weight(accept, "application", "problem+json"));
        if (html != json) {
            return html > json;
        }
        return path != null && !isApiPath(path);
    }

    public Rendered render(String path, String accept, ProblemCode code, int status, String detail, String errorId,
                           Long line) {
        if (wantsHtml(path, accept)) {
            return new Rendered(HTML, errorPages.render(status, code.title(), detail, errorId).getBytes(StandardCharsets.UTF_8));
        }
        try {
            return new Rendered(PROBLEM_JSON, mapper.writeValueAsBytes(
                    problem(code, status, detail, path == null ? "/" : path, errorId, line)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For Jersey's exception mapper: the error as a JAX-RS response, keeping the original's challenge headers. */
    public Response response(String path, String accept, ProblemCode code, int status, String detail, String errorId,
                             Long line, MultivaluedMap<String, Object> originalHeaders) {
        Rendered rendered = render(path, accept, code, status, detail, errorId, line);
        Response.ResponseBuilder builder = Response.status(status).type(rendered.contentType()).entity(rendered.body());
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

    /** For the servlet filters that refuse a request before Jersey sees it. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
            throws IOException {
        Rendered rendered = render(decodedPath(request), request.getHeader("Accept"), code, code.status(), detail, null, null);
        response.setStatus(code.status());
        if (mayCarryBody(request.getMethod())) {
            // The body is left unread: tell the client this connection ends here.
            response.setHeader("Connection", "close");
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(rendered.contentType());
        response.setContentLength(rendered.body().length);
        response.getOutputStream().write(rendered.body());
    }

    public static Problem problem(ProblemCode code, int status, String detail, String instance, String errorId, Long line) {
        return new Problem("about:blank", code.title(), status, detail, code.name(),
                instance.startsWith("/") ? instance : "/" + instance, errorId, line);
    }

    /** Methods whose requests may carry a body that a refusal leaves unread. */
    public static boolean mayCarryBody(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    public static boolean isApiPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("api") || p.startsWith("api/");
    }

    /** The path as Jersey will match it (percent-decoded), so {@code /%61pi/…} still counts as the API. */
    public static String decodedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
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
            case 413, 414, 431 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 421 -> ProblemCode.MISDIRECTED_REQUEST;
            case 429 -> ProblemCode.RATE_LIMITED;
            case 503 -> ProblemCode.UNAVAILABLE;
            case 505 -> ProblemCode.INVALID;
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
            case 414 -> "The request's address is too long.";
            case 415 -> "This content type is not accepted here.";
            case 431 -> "The request's headers are too large.";
            case 505 -> "This HTTP version is not supported; use HTTP/1.1.";
            default -> status >= 500 ? "The server failed to handle the request." : "The request was refused.";
        };
    }

    /** Reads the weight an {@code Accept} header gives one media type (RFC 9110 §12.5.1). */
    static final class AcceptHeader {

        private AcceptHeader() {
        }

        /**
         * The q of the most specific range that matches {@code type/subtype} (exact, then {@code type/*},
         * then {@code *}{@code /*}); 0 when none does or the header is absent.
         */
        static double weight(String accept, String type, String subtype) {
            if (accept == null || accept.isBlank()) {
                return 0;
            }
            int bestSpecificity = -1;
            double weight = 0;
            for (String range : accept.split(",")) {
                String[] parts = range.split(";");
                String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
                int slash = mediaRange.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String rangeType = mediaRange.substring(0, slash);
                String rangeSubtype = mediaRange.substring(slash + 1);
                int specificity;
                if (rangeType.equals(type) && rangeSubtype.equals(subtype)) {
                    specificity = 2;
                } else if (rangeType.equals(type) && rangeSubtype.equals("*")) {
                    specificity = 1;
                } else if (rangeType.equals("*") && rangeSubtype.equals("*")) {
                    specificity = 0;
                } else {
                    continue;
                }
                if (specificity > bestSpecificity) {
                    bestSpecificity = specificity;
                    weight = quality(parts);
                }
            }
            return weight;
        }

        private static double quality(String[] parts) {
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
                    try {
                        double q = Double.parseDouble(parameter.substring(2).trim());
                        return q >= 0 && q <= 1 ? q : 0;
                    } catch (NumberFormatException malformed) {
                        return 0;
                    }
                }
            }
            return 1;
        }
    }
}
