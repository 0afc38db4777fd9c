package lethe.login;

/**
 * An error answer from the authorization server's token or device endpoint (RFC 6749 §5.2, RFC 8628 §3.5),
 * e.g. {@code authorization_pending}, {@code slow_down}, {@code access_denied}, {@code invalid_grant}.
 */
final class OAuthError extends Exception {

    private final String error;

    OAuthError(String error, String description) {
        super(description == null || description.isBlank() ? error : error + ": " + description);
        this.error = error;
    }

    String error() {
        return error;
    }
}
