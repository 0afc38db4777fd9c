package lethe.auth.oidc;

/** The provider's discovery document or key set could not be fetched or made no sense; the message says which. */
final class ProviderFetchException extends Exception {

    ProviderFetchException(String message) {
        super(message);
    }

    ProviderFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
