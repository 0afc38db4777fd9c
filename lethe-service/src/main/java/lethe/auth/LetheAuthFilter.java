package lethe.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.Optional;

/**
 * Base of lethe's ways in: a subclass finds an {@link Identity} in the request, this class applies the
 * access policy and installs the {@link LetheUser} as the request's security context.
 */
abstract class LetheAuthFilter extends AuthFilter<Identity, LetheUser> {

    LetheAuthFilter(AccessPolicy policy, String scheme) {
        this.prefix = scheme;
        this.realm = Challenges.REALM;
        this.authenticator = identity -> Optional.of(policy.admit(identity));
        this.authorizer = (user, role, context) -> "admin".equals(role) && user.admin();
    }

    /** Installs the admitted user; the policy throws a 403 problem for anyone not allowed. */
    void signIn(ContainerRequestContext request, Identity identity) {
        if (!authenticate(request, identity, prefix)) {
            throw Challenges.unauthorized("The credentials were not accepted.", null);
        }
    }
}
