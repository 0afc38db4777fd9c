package lethe.auth;

import java.util.Set;

/** Who a credential says the caller is, before the allowlist has had its say. */
public record Identity(String name, Set<String> groups, AuthMethod method) {

    public Identity {
        groups = Set.copyOf(groups);
    }
}
