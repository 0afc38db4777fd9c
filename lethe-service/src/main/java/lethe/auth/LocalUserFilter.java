package lethe.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.Set;

/**
 * Local single-user mode: every request is the configured user, with no credentials at all. Safe only
 * because lethe then refuses any non-loopback bind and checks {@code Host} against DNS rebinding.
 */
@Priority(Priorities.AUTHENTICATION)
public class LocalUserFilter extends LetheAuthFilter {

    private final Identity identity;

    public LocalUserFilter(String localUser, AccessPolicy policy) {
        super(policy, "local");
        this.identity = new Identity(localUser, Set.of(), AuthMethod.LOCAL);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        signIn(request, identity);
    }
}
