package lethe.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.ProblemCode;
import lethe.ui.ErrorPages;
import lethe.ui.web.SecurityHeaders;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty answers before a request reaches Jersey (a malformed URI, oversized headers) get the
 * same shapes as everything else, by the same rule: a problem document under {@code /api/}, an HTML page
 * elsewhere, with the pages' security headers.
 */
public class JettyProblemErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;
    private final ErrorPages pages;

    public JettyProblemErrorHandler(ObjectMapper mapper, ErrorPages pages) {
        this.mapper = mapper;
        this.pages = pages;
    }

    /** Installs the handler on the server as it starts, so it also covers requests that match no context. */
    public LifeCycle.Listener installer() {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(JettyProblemErrorHandler.this);
                }
            }
        };
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws JsonProcessingException {
        String path = request.getHttpURI() != null && request.getHttpURI().getPath() != null ? request.getHttpURI().getPath() : "/";
        // The one rule every error writer follows: the API answers problems, everything else pages. A request
        // too malformed to have a path (Jetty's /badMessage) gets a page only if it asks for HTML.
        boolean pathUnknown = request.getHttpURI() == null || request.getHttpURI().getPath() == null
                || path.startsWith("/badMessage");
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        boolean html = pathUnknown ? accept != null && accept.contains("text/html") : !ProblemResponses.isApiPath(path);
        ProblemCode problemCode = ProblemResponses.codeFor(code);
        String detail = ProblemResponses.defaultDetail(code);
        byte[] body;
        if (html) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
            body = pages.render(code, problemCode.title(), detail, null).getBytes(StandardCharsets.UTF_8);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON.toString());
            String instance = path.startsWith("/badMessage") ? "/" : path;
            body = mapper.writeValueAsBytes(ProblemResponses.problem(problemCode, code, detail, instance, null, null));
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
