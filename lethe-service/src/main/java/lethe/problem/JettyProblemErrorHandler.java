package lethe.problem;

import lethe.ui.web.SecurityHeaders;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Errors Jetty answers itself (a malformed URI or header, oversized headers, a servlet's sendError on the
 * admin port) are written by the same {@link ProblemWriter} as everything else, with the pages' security
 * headers, so a browser never sees Jetty's own page and nobody sees a stack trace.
 *
 * <p>When Jetty cannot read the request line (a bad percent-escape, a NUL, {@code ..} above the root) it
 * drops the headers and the path before any handler runs (its synthetic {@code /badMessage} and
 * {@code /badURI} requests carry none), so such a request has no {@code Accept} to go by and gets the
 * rule's fallback for an unknown path: a problem document.
 */
public class JettyProblemErrorHandler extends ErrorHandler {

    /** The paths Jetty gives a request it could not parse. */
    private static final Set<String> SYNTHETIC_PATHS = Set.of("/badMessage", "/badURI");

    private final ProblemWriter writer;

    public JettyProblemErrorHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    /**
     * Installs the handler on the server as it starts, so it also covers requests that match no context, and
     * on every servlet context (application and admin port), whose own default would be Jetty's page.
     */
    public LifeCycle.Listener installer() {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(JettyProblemErrorHandler.this);
                    server.getDescendants(ServletContextHandler.class)
                            .forEach(context -> context.setErrorHandler(JettyProblemErrorHandler.this));
                }
            }
        };
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpURI uri = request.getHttpURI();
        String path = uri == null || uri.getPath() == null || SYNTHETIC_PATHS.contains(uri.getPath())
                ? null : uri.getDecodedPath();
        ProblemWriter.Rendered rendered = writer.render(path, request.getHeaders().get(HttpHeader.ACCEPT),
                ProblemWriter.codeFor(code), code, ProblemWriter.defaultDetail(code), null, null);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, rendered.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.write(true, ByteBuffer.wrap(rendered.body()), callback);
    }
}
