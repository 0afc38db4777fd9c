package lethe.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two kinds of request a public OAuth client makes: GET a JSON document, POST a form and read a JSON
 * answer or an OAuth error. Only {@code https}, or {@code http} to this machine: tokens must not cross a
 * network in clear text.
 */
final class OAuthHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    OAuthHttp() {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    JsonNode getJson(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(checked(uri)).GET());
        if (response.statusCode() != 200) {
            throw new LoginException(uri + " answered HTTP " + response.statusCode() + ".");
        }
        return parse(uri, response.body());
    }

    /** The JSON answer of a successful POST; an {@link OAuthError} for a 4xx answer carrying {@code error}. */
    JsonNode postForm(URI uri, Map<String, String> form) throws OAuthError {
        String body = form.entrySet().stream()
                .filter(field -> field.getValue() != null)
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(checked(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        int status = response.statusCode();
        if (status == 200) {
            return parse(uri, response.body());
        }
        if (status >= 400 && status < 500) {
            JsonNode error = parse(uri, response.body());
            if (error.hasNonNull("error")) {
                throw new OAuthError(error.get("error").asText(), error.path("error_description").asText(null));
            }
        }
        throw new LoginException(uri + " answered HTTP " + status + ".");
    }

    /** Refuses plain HTTP to anything but loopback, before a single byte is sent. */
    static URI checked(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost())) {
            return uri;
        }
        throw new LoginException(uri + " is not an https:// address; tokens are only exchanged over TLS"
                + " (plain http is accepted for localhost alone).");
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(TIMEOUT).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginException("Cannot reach the identity provider (" + e.getMessage() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("Interrupted.", e);
        }
    }

    private JsonNode parse(URI uri, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new LoginException(uri + " did not answer with a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new LoginException(uri + " did not answer with JSON.", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
