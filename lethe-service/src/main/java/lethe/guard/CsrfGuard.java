package lethe.guard;

import com.codahale.metrics.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lethe.api.ProblemCode;
import lethe.problem.ProblemWriter;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests that a web page on another origin could have made the browser send,
 * before authentication and before the body is read. In local mode the browser needs no credentials at
 * all, and behind forward-auth it carries the proxy's cookie, so in every mode:
 * <ul>
 * <li>a request whose {@code Origin} is not lethe's own (or is {@code null}), or whose
 * {@code Sec-Fetch-Site} is anything but {@code same-origin} or {@code none}, gets 403;</li>
 * <li>under {@code /api/}, the content types a page can send without a CORS preflight (text/plain, forms,
 * multipart) and bodies without a content type get 415: every API endpoint has a type of its own, which
 * a page on another origin can send only after a preflight that lethe never approves.</li>
 * </ul>
 * Non-browser clients send no {@code Origin} and are unaffected.
 */
public final class CsrfGuard extends HttpFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");
    private static final Set<String> FORM_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded");

    private final SameOrigin sameOrigin;
    private final ProblemWriter problems;
    private final Counter refused;

    public CsrfGuard(AllowedHosts hosts, ProblemWriter problems, Counter refused) {
        this.sameOrigin = new SameOrigin(hosts);
        this.problems = problems;
        this.refused = refused;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            chain.doFilter(request, response);
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !OWN_SITE.contains(site.trim().toLowerCase(Locale.ROOT))) {
            refuse(request, response, ProblemCode.FORBIDDEN, "This request was sent by a page on another site"
                    + " (Sec-Fetch-Site: " + site.trim() + "); lethe refuses state-changing requests from other sites'"
                    + " pages (cross-site request forgery).");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin.matches(origin, request)) {
            refuse(request, response, ProblemCode.FORBIDDEN, "This request was sent by a page on another origin"
                    + " (Origin: " + shorten(origin.trim()) + "); lethe refuses state-changing requests from other"
                    + " origins' pages (cross-site request forgery). Clients that are not browsers send no Origin.");
            return;
        }
        if (ProblemWriter.isApiPath(ProblemWriter.decodedPath(request))) {
            String contentType = request.getContentType();
            if (contentType == null ? hasBody(request) : isFormType(contentType)) {
                refuse(request, response, ProblemCode.UNSUPPORTED_MEDIA_TYPE, "lethe's API never accepts "
                        + (contentType == null ? "a body without a Content-Type" : "Content-Type " + shorten(contentType.trim()))
                        + ", because a page on any site can make a browser send that; send the endpoint's own type"
                        + " (application/x-ndjson for /api/v1/ingest).");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
            throws IOException {
        refused.inc();
        problems.write(request, response, code, detail);
    }

    static boolean isFormType(String contentType) {
        String essence = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return FORM_TYPES.contains(essence) || essence.startsWith("multipart/");
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static String shorten(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value;
    }
}
