package lethe.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lethe.api.Problem;
import lethe.api.ProblemCode;
import lethe.ui.ErrorPages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a problem (under {@code /api/}) or an HTML error page (elsewhere) straight onto a servlet
 * response, for the filters that refuse a request before Jersey ever sees it.
 */
public final class ServletProblemWriter {

    private final ObjectMapper mapper;
    private final ErrorPages errorPages;

    public ServletProblemWriter(ObjectMapper mapper, ErrorPages errorPages) {
        this.mapper = mapper;
        this.errorPages = errorPages;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
            throws IOException {
        String path = decodedPath(request);
        response.setStatus(code.status());
        if (ProblemResponses.mayCarryBody(request.getMethod())) {
            // The body is left unread: tell the client this connection ends here.
            response.setHeader("Connection", "close");
        }
        response.setHeader("Cache-Control", "no-store");
        if (ProblemResponses.isApiPath(path)) {
            response.setContentType(Problem.MEDIA_TYPE);
            byte[] body = mapper.writeValueAsBytes(ProblemResponses.problem(code, code.status(), detail, path, null, null));
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else {
            response.setContentType("text/html;charset=UTF-8");
            byte[] body = errorPages.render(code.status(), code.title(), detail, null).getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** The path as Jersey will match it (percent-decoded), so {@code /%61pi/…} still counts as the API. */
    public static String decodedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }
}
