package lethe.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Talks to the OpenID provider: reads its discovery document, checks it speaks for the configured
 * issuer, and fetches the key set its {@code jwks_uri} names. Discovery is repeated on every fetch so
 * that a provider moving its key set is followed without a restart (fetches are rare).
 */
final class ProviderClient {

    /** Far above any real key set; a document larger than this is a misconfigured URL, not keys. */
    private static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final String issuer;
    private final URI discoveryUri;
    private final HttpClient http;
    private final Duration readTimeout;
    private final ObjectMapper json;
    private final Clock clock;

    ProviderClient(OidcConfig config, ObjectMapper json, Clock clock) {
        this.issuer = config.getIssuer();
        this.discoveryUri = URI.create(stripTrailingSlash(issuer) + "/.well-known/openid-configuration");
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.getConnectTimeout().toJavaDuration())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.readTimeout = config.getReadTimeout().toJavaDuration();
        this.json = json;
        this.clock = clock;
    }

    String issuer() {
        return issuer;
    }

    SigningKeys fetchSigningKeys() throws ProviderFetchException {
        URI jwksUri = jwksUri(discoveryDocument());
        String body = get(jwksUri, "key set");
        JwkSet set;
        try {
            set = Jwks.setParser().build().parse(body);
        } catch (JwtException | IllegalArgumentException e) {
            throw new ProviderFetchException("the key set at " + jwksUri + " is not a valid JWK set: " + e.getMessage(), e);
        }
        SigningKeys keys = SigningKeys.from(set, jwksUri, clock.instant());
        if (keys.keys().isEmpty()) {
            throw new ProviderFetchException("the key set at " + jwksUri + " holds no signature key lethe can use"
                    + " (RSA, EC or Ed25519)");
        }
        return keys;
    }

    private JsonNode discoveryDocument() throws ProviderFetchException {
        String body = get(discoveryUri, "discovery document");
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (IOException e) {
            throw new ProviderFetchException("the discovery document at " + discoveryUri + " is not JSON", e);
        }
        JsonNode advertised = document.path("issuer");
        if (!advertised.isTextual() || !advertised.asText().equals(issuer)) {
            // A provider answering for another issuer would make every token fail the iss check anyway;
            // saying so here points the operator at the real mistake (usually a trailing slash).
            throw new ProviderFetchException("the discovery document at " + discoveryUri + " names the issuer "
                    + (advertised.isTextual() ? "'" + advertised.asText() + "'" : "(none)")
                    + ", not the configured auth.oidc.issuer '" + issuer + "'");
        }
        return document;
    }

    private URI jwksUri(JsonNode discovery) throws ProviderFetchException {
        JsonNode value = discovery.path("jwks_uri");
        if (!value.isTextual()) {
            throw new ProviderFetchException("the discovery document at " + discoveryUri + " has no jwks_uri");
        }
        URI uri;
        try {
            uri = new URI(value.asText());
        } catch (URISyntaxException e) {
            throw new ProviderFetchException("the jwks_uri '" + value.asText() + "' is not a URL", e);
        }
        boolean https = "https".equals(uri.getScheme());
        boolean plainAllowed = "http".equals(uri.getScheme()) && issuer.startsWith("http:");
        if (uri.getHost() == null || !(https || plainAllowed)) {
            // Keys fetched over plain HTTP from an HTTPS issuer could be swapped by anyone on the path.
            throw new ProviderFetchException("the jwks_uri '" + uri + "' must be an https URL");
        }
        return uri;
    }

    private String get(URI uri, String what) throws ProviderFetchException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout stops at the headers; this bounds the body too, so a stalled provider
            // cannot hold a request thread that is waiting for new keys.
            response = pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ProviderFetchException("the " + what + " at " + uri + " did not arrive within " + readTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ProviderFetchException("the " + what + " at " + uri + " could not be fetched: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() != null ? " " + cause.getMessage() : ""), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new ProviderFetchException("fetching the " + what + " at " + uri + " was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new ProviderFetchException("the " + what + " at " + uri + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_DOCUMENT_BYTES) {
            throw new ProviderFetchException("the " + what + " at " + uri + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
