package lethe.health;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Liveness: answers 200 whenever the process can serve HTTP at all. It deliberately checks nothing
 * else, so that a slow or locked database makes lethe unready (see {@link ReadyzServlet}) but never
 * gets it restarted by an orchestrator in the middle of a long write.
 */
public class HealthzServlet extends HttpServlet {

    public static final String PATH = "/healthz";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("ok\n");
    }
}
