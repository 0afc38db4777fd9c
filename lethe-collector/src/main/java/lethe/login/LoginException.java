package lethe.login;

/** Signing in did not work out; the message says why and what to do, in one or two sentences. */
public class LoginException extends RuntimeException {

    public LoginException(String message) {
        super(message);
    }

    public LoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
