package lethe.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import lethe.api.ProblemCode;
import lethe.problem.ProblemException;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts lethe's ways in, in order, in front of every resource that asks for a user.
 *
 * <p>Bearer first: a request carrying a token is judged by it, and the forward-auth header is
 * consulted only when the token fails. When every way fails, a refused token with no header yields
 * its {@code WWW-Authenticate: Bearer error="invalid_token"} challenge (see {@link CountingChain}).
 */
public final class AuthChain {

    /** Request property holding the TCP peer's address, for filters that are not injected themselves. */
    static final String PEER_ADDRESS = "lethe.peer_address";

    private static final Logger LOG = LoggerFactory.getLogger(AuthChain.class);

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
                warnIfAnyLocalProcessIsTrusted(config.getForwardAuth());
                filters.add(new ForwardAuthFilter(config.getForwardAuth(), policy, !verifiers.isEmpty(), failures));
            }
        }
        jersey.register(new AuthDynamicFeature(new CountingChain(filters, failures)));
        jersey.register(new AuthValueFactoryProvider.Binder<>(LetheUser.class));
        jersey.register(RolesAllowedDynamicFeature.class);
    }

    /** On a shared host, every local account could otherwise send {@code Remote-User: root} from loopback. */
    private static void warnIfAnyLocalProcessIsTrusted(ForwardAuthConfig forwardAuth) {
        TrustedProxies proxies = new TrustedProxies(forwardAuth.getTrustedProxies());
        if (forwardAuth.getProxySecret().isEmpty() && (proxies.trusts("127.0.0.1") || proxies.trusts("::1"))) {
            LOG.warn("auth.forward_auth trusts loopback without auth.forward_auth.proxy_secret: any process or user "
                    + "on this host can sign in as anyone by sending {}. Set proxy_secret (and have the proxy send it "
                    + "in {}) unless only the proxy can reach lethe.", forwardAuth.getUserHeader(), forwardAuth.getProxySecretHeader());
        }
    }

    /**
     * Runs the ways in, in order, until one signs the caller in, and counts the refusals that no single
     * filter can classify on its own.
     *
     * <p>When every way fails, the answer is the most telling refusal: a verdict on credentials that were
     * sent (a refused token, a user not on the allowlist, an unreachable identity provider) beats "nothing
     * was sent", and among verdicts the later one wins, because the header is consulted exactly when the
     * bearer failed and then decides. Dropwizard's {@code ChainedAuthFilter} answers with the first
     * failure instead, which turned a forward-auth user who is not allowed into a 401 whenever bearer
     * tokens were accepted as well.
     */
    @Priority(Priorities.AUTHENTICATION)
    private static final class CountingChain implements ContainerRequestFilter {

        private final List<AuthFilter> filters;
        private final AuthFailureListener failures;

        @Context
        private HttpServletRequest servletRequest;

        CountingChain(List<AuthFilter> filters, AuthFailureListener failures) {
            this.filters = List.copyOf(filters);
            this.failures = failures;
        }

        @Override
        public void filter(ContainerRequestContext request) throws IOException {
            if (filters.isEmpty()) {
                failures.failed(AuthFailureListener.Reason.NO_CREDENTIALS);
                throw Challenges.unauthorized("No way of signing in is enabled in this lethe's configuration.", null);
            }
            request.setProperty(PEER_ADDRESS, servletRequest.getRemoteAddr());
            ProblemException answer = null;
            for (AuthFilter filter : filters) {
                try {
                    // Each of lethe's filters either signs the caller in or throws its refusal.
                    filter.filter(request);
                    return;
                } catch (ProblemException refusal) {
                    answer = moreTelling(answer, refusal);
                }
            }
            if (answer.code() == ProblemCode.FORBIDDEN) {
                failures.failed(AuthFailureListener.Reason.NOT_ALLOWED);
            } else if (answer instanceof Challenges.MissingCredentials) {
                failures.failed(AuthFailureListener.Reason.NO_CREDENTIALS);
            }
            throw answer;
        }

        private static ProblemException moreTelling(ProblemException sofar, ProblemException next) {
            return sofar == null || !(next instanceof Challenges.MissingCredentials) ? next : sofar;
        }
    }
}
