package lethe.importer;

import lethe.api.client.Credentials;
import lethe.api.client.TokenSource;
import lethe.login.LoginTokens;
import lethe.login.TokenFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The credentials a collector command sends, from its options: a bearer token ({@code --token},
 * {@code --token-file} or {@code $LETHE_TOKEN}), a forward-auth user header ({@code --user}) for a
 * collector on the server's own host, or nothing for a server in local mode.
 *
 * <p>Every bearer goes through a {@link TokenSource}, asked before each request. With none of those given,
 * the tokens stored by {@code lethe login} are used when present, refreshed as they near expiry.
 */
public final class CollectorCredentials {

    public static final String TOKEN_VARIABLE = "LETHE_TOKEN";

    private CollectorCredentials() {
    }

    public static Credentials from(String token, Path tokenFile, String user, String userHeader,
                                   Map<String, String> environment) {
        int given = (token != null ? 1 : 0) + (tokenFile != null ? 1 : 0) + (user != null ? 1 : 0);
        if (given > 1) {
            throw new ImportFailure("give only one of --token, --token-file and --user");
        }
        if (token != null) {
            return Credentials.bearer(fixed(token, "--token"));
        }
        if (tokenFile != null) {
            return Credentials.bearer(fromFile(tokenFile));
        }
        if (user != null) {
            if (user.isBlank()) {
                throw new ImportFailure("--user is empty");
            }
            return Credentials.forwardedUser(userHeader, user);
        }
        String fromEnvironment = environment.get(TOKEN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Credentials.bearer(fixed(fromEnvironment, "$" + TOKEN_VARIABLE));
        }
        if (Files.exists(TokenFile.defaultLocation())) {
            // A `lethe login` on this machine: its access token is refreshed whenever it nears expiry.
            LoginTokens login = LoginTokens.fromDefaultFile();
            return Credentials.bearer(login::accessToken);
        }
        return Credentials.none();
    }

    private static TokenSource fixed(String token, String where) {
        if (token.isBlank()) {
            throw new ImportFailure(where + " is empty");
        }
        return TokenSource.fixed(token);
    }

    /** Read once, at start: a token file that cannot be read is a mistake to report now, not at the first request. */
    private static TokenSource fromFile(Path file) {
        try {
            return fixed(Files.readString(file), "the token file " + file);
        } catch (IOException e) {
            throw new ImportFailure("cannot read the token file " + file + ": " + e.getMessage());
        }
    }
}
