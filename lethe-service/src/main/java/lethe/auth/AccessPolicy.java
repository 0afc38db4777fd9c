package lethe.auth;

import lethe.problem.ProblemException;

import java.util.Collection;
import java.util.Set;

/**
 * Decides whether an identified caller may use lethe, and whether they are an admin. Every way in
 * except local mode answers to the same allowlist.
 */
public final class AccessPolicy {

    private final Set<String> allowedUsers;
    private final Set<String> adminUsers;
    private final Set<String> adminGroups;

    public AccessPolicy(Collection<String> allowedUsers, Collection<String> adminUsers, Collection<String> adminGroups) {
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.adminUsers = Set.copyOf(adminUsers);
        this.adminGroups = Set.copyOf(adminGroups);
    }

    public static AccessPolicy from(AuthConfig config) {
        return new AccessPolicy(config.getAllowedUsers(), config.getAdminUsers(), config.getAdminGroups());
    }

    /** The user, or a 403 problem when they are not on the allowlist. */
    public LetheUser admit(Identity identity) {
        if (identity.method() != AuthMethod.LOCAL && !allowedUsers.contains(identity.name())) {
            throw ProblemException.forbidden("User '" + identity.name() + "' is not on this lethe's allowlist (auth.allowed_users).");
        }
        return new LetheUser(identity.name(), identity.groups(), isAdmin(identity), identity.method());
    }

    private boolean isAdmin(Identity identity) {
        return identity.method() == AuthMethod.LOCAL
                || adminUsers.contains(identity.name())
                || identity.groups().stream().anyMatch(adminGroups::contains);
    }
}
