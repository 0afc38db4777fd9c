package lethe.logging;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import java.io.IOException;

/**
 * Gives every request an id before anything else runs: sent back as {@code X-Request-Id} (set first,
 * so error answers carry it too), put in the MDC for every log record written while serving the
 * request, and kept as a request attribute for the request log, which is written after the MDC is gone.
 */
public class RequestIdFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestIds.acceptOrCreate(((HttpServletRequest) request).getHeader(RequestLogContext.HEADER));
        request.setAttribute(RequestLogContext.REQUEST_ID, id);
        ((HttpServletResponse) response).setHeader(RequestLogContext.HEADER, id);
        MDC.put(RequestLogContext.REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestLogContext.REQUEST_ID);
            MDC.remove(RequestLogContext.USER);
        }
    }
}
