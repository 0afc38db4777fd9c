package lethe.logging;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;

import org.slf4j.MDC;

import java.security.Principal;

/**
 * Adds the signed-in user to the log context. It runs right after the authentication filters, the
 * first moment the user is known; records written before (or for requests that were refused) have
 * no user. The name is one the access policy admitted, so it is safe to log.
 */
@Priority(Priorities.AUTHORIZATION)
public class UserLogContextFilter implements ContainerRequestFilter {

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal user = request.getSecurityContext().getUserPrincipal();
        if (user != null) {
            MDC.put(RequestLogContext.USER, user.getName());
            servletRequest.setAttribute(RequestLogContext.USER, user.getName());
        }
    }
}
