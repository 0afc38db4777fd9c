package lethe.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.chained.ChainedAuthFilter;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import lethe.api.ProblemCode;
import lethe.problem.ProblemException;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts lethe's ways in, in order, in front of every resource that asks for a user.
 *
 * <p>Bearer first: a request carrying a token is judged by it, and the forward-auth header is
 * consulted only when the token fails. When every way fails, the first failure is the answer, so a
 * refused token yields its {@code WWW-Authenticate: Bearer error="invalid_token"} challenge.
 */
public final class AuthChain {

    /** Request property holding the TCP peer's address, for filters that are not injected themselves. */
    static final String PEER_ADDRESS = "lethe.peer_address";

    private AuthChain() {
    }

    public static void install(JerseyEnvironment jersey, AuthConfig config, List<BearerVerifier> verifiers,
                               AuthFailureListener failures) {
        AccessPolicy policy = AccessPolicy.from(config);
        List<AuthFilter> filters = new ArrayList<>();
        if (config.isLocalMode()) {
            filters.add(new LocalUserFilter(config.getLocalUser(), policy));
        } else {
            if (!verifiers.isEmpty()) {
                filters.add(new BearerAuthFilter(verifiers, policy, failures));
            }
            if (config.getForwardAuth().isEnabled()) {
                filters.add(new ForwardAuthFilter(config.getForwardAuth(), policy, !verifiers.isEmpty(), failures));
            }
        }
        jersey.register(new AuthDynamicFeature(new CountingChain(filters, failures)));
        jersey.register(new AuthValueFactoryProvider.Binder<>(LetheUser.class));
        jersey.register(RolesAllowedDynamicFeature.class);
    }

    /**
     * The chain, counting the refusals that no single filter can classify on its own. {@code @Priority}
     * is not inherited: without it here the chain would run at USER priority, after the authorization
     * and log-context filters that need its user.
     */
    @Priority(Priorities.AUTHENTICATION)
    private static final class CountingChain extends ChainedAuthFilter<Identity, LetheUser> {

        private final boolean empty;
        private final AuthFailureListener failures;

        @Context
        private HttpServletRequest servletRequest;

        CountingChain(List<AuthFilter> filters, AuthFailureListener failures) {
            super(filters);
            this.empty = filters.isEmpty();
            this.failures = failures;
        }

        @Override
        public void filter(ContainerRequestContext request) throws IOException {
            if (empty) {
                failures.failed(AuthFailureListener.Reason.NO_CREDENTIALS);
                throw Challenges.unauthorized("No way of signing in is enabled in this lethe's configuration.", null);
            }
            request.setProperty(PEER_ADDRESS, servletRequest.getRemoteAddr());
            try {
                super.filter(request);
            } catch (ProblemException e) {
                if (e.code() == ProblemCode.FORBIDDEN) {
                    failures.failed(AuthFailureListener.Reason.NOT_ALLOWED);
                } else if (e instanceof Challenges.MissingCredentials) {
                    failures.failed(AuthFailureListener.Reason.NO_CREDENTIALS);
                }
                throw e;
            }
        }
    }
}
