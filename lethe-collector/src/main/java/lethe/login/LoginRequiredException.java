package lethe.login;

/**
 * There is no usable token any more (never logged in, or the refresh token was refused or has
 * expired): the user has to run {@code java -jar lethe.jar login} again.
 */
public class LoginRequiredException extends LoginException {

    public LoginRequiredException(String why) {
        super(why + " Sign in again with: java -jar lethe.jar login --issuer <url> --client-id <id>");
    }
}
