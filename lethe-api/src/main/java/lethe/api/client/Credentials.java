package lethe.api.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Objects;

/** How a request proves who sends it. */
public interface Credentials {

    void apply(HttpRequest.Builder request) throws IOException;

    /** {@code Authorization: Bearer <token>}: an OIDC access token or a lethe API key. */
    static Credentials bearer(TokenSource tokens) {
        Objects.requireNonNull(tokens, "tokens");
        return request -> request.header("Authorization", "Bearer " + tokens.token());
    }

    /**
     * The user named in a forward-auth header (by default {@code Remote-User}). lethe believes it only from
     * a trusted proxy address, so this suits a collector on the server's own host, talking over loopback.
     */
    static Credentials forwardedUser(String header, String user) {
        Objects.requireNonNull(header, "header");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the user name is empty");
        }
        return request -> request.header(header, user);
    }

    /** No credentials: for a server in local single-user mode. */
    static Credentials none() {
        return request -> { };
    }
}
