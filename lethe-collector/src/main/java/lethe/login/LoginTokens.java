package lethe.login;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A valid access token from {@code tokens.json}, refreshed when it is about to expire. This is what a
 * collector uses after {@code java -jar lethe.jar login}; with lethe-api's client it is one line:
 *
 * <pre>{@code
 * Credentials credentials = Credentials.bearer(LoginTokens.fromDefaultFile()::accessToken);
 * }</pre>
 *
 * and by hand:
 *
 * <pre>{@code
 * LoginTokens tokens = LoginTokens.fromDefaultFile();
 * request.header("Authorization", "Bearer " + tokens.accessToken());
 * // lethe answered 401 although the token looked valid (revoked, clock skew): once, then give up
 * request.header("Authorization", "Bearer " + tokens.refreshedAccessToken());
 * }</pre>
 *
 * Refreshing uses the refresh token grant at the stored token endpoint and rewrites the file (0600)
 * under a lock file, so several collector processes on one machine can share a login. When the
 * refresh token is refused or there is none, a {@link LoginRequiredException} says to run
 * {@code login} again. Thread-safe; use one instance per process (file locks belong to the process).
 */
public final class LoginTokens {

    /** A token that expires within this many seconds is refreshed first: a request takes time too. */
    static final long EXPIRY_MARGIN_SECONDS = 60;

    private final TokenFile file;
    private final OAuthHttp http;
    private final Clock clock;

    LoginTokens(TokenFile file, OAuthHttp http, Clock clock) {
        this.file = file;
        this.http = http;
        this.clock = clock;
    }

    /** Tokens from {@code $XDG_CONFIG_HOME/lethe/tokens.json} (or {@code ~/.config/lethe/tokens.json}). */
    public static LoginTokens fromDefaultFile() {
        return from(TokenFile.defaultLocation());
    }

    public static LoginTokens from(Path tokensFile) {
        return new LoginTokens(new TokenFile(tokensFile), new OAuthHttp(), Clock.systemUTC());
    }

    /** An access token valid for at least another minute (as far as its expiry is known). */
    public synchronized String accessToken() {
        return file.locked(() -> {
            StoredTokens stored = file.read();
            return stored.isFreshAt(clock.instant(), EXPIRY_MARGIN_SECONDS) ? stored.accessToken() : refresh(stored);
        });
    }

    /**
     * A new access token even though the stored one looked valid, for when lethe refused it. Another
     * process may have refreshed meanwhile; its newer token is taken instead of refreshing twice.
     */
    public synchronized String refreshedAccessToken() {
        String refused = file.read().accessToken();
        return file.locked(() -> {
            StoredTokens stored = file.read();
            return stored.accessToken().equals(refused) ? refresh(stored) : stored.accessToken();
        });
    }

    private String refresh(StoredTokens stored) {
        if (stored.refreshToken() == null) {
            throw new LoginRequiredException("The access token has expired and the provider gave no refresh token"
                    + " (ask for the offline_access scope).");
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("grant_type", "refresh_token");
        request.put("refresh_token", stored.refreshToken());
        request.put("client_id", stored.clientId());
        JsonNode answer;
        try {
            answer = http.postForm(URI.create(stored.tokenEndpoint()), request);
        } catch (OAuthError e) {
            if (e.error().equals("invalid_grant")) {
                throw new LoginRequiredException("The provider no longer accepts the refresh token (" + e.getMessage() + ").");
            }
            throw new LoginException("The provider refused to refresh the token (" + e.getMessage() + ").");
        }
        StoredTokens refreshed = StoredTokens.fromTokenAnswer(answer, stored.issuer(), stored.clientId(),
                stored.tokenEndpoint(), clock.instant(), stored.refreshToken());
        file.write(refreshed);
        return refreshed.accessToken();
    }
}
