package lethe.auth;

import lethe.ui.Viewer;

import java.security.Principal;
import java.util.Set;

/** An authenticated, allowed caller: the owner of everything they ingest. */
public record LetheUser(String name, Set<String> groups, boolean admin, AuthMethod method)
        implements Principal, Viewer {

    public LetheUser {
        groups = Set.copyOf(groups);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isAdmin() {
        return admin;
    }

    @Override
    public boolean isLocalMode() {
        return method == AuthMethod.LOCAL;
    }

    @Override
    public String signedInVia() {
        return method.label();
    }
}
