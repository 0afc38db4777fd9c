package lethe.auth;

/** How a caller proved who they are. */
public enum AuthMethod {
    FORWARD_AUTH("forward-auth"),
    OIDC("OIDC token"),
    API_KEY("API key"),
    LOCAL("local mode");

    private final String label;

    AuthMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
