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

    /** The stable name of the method on the wire ({@code GET /api/v1/me}'s {@code mode}). */
    public String mode() {
        return switch (this) {
            case FORWARD_AUTH -> "forward-auth";
            case OIDC -> "oidc";
            case API_KEY -> "api-key";
            case LOCAL -> "local";
        };
    }
}
