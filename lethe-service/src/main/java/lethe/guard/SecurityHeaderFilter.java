package lethe.guard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lethe.ui.web.SecurityHeaders;

import java.io.IOException;

/**
 * Puts the pages' security headers on every response of the application port, before any other filter
 * runs: the 421 and CSRF refusals written by the guards, Jersey's answers and the API's alike. Jersey's
 * own response filter covered only what Jersey wrote.
 */
public final class SecurityHeaderFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(response);
        chain.doFilter(request, response);
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
