package lethe.auth.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SignatureAlgorithm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real OpenID provider's two public endpoints, served in-process over HTTP on a free port: the
 * discovery document and the JWK set. Tests choose which keys it publishes, can make it fail, and count
 * how often lethe fetched its keys.
 */
final class TestIdentityProvider implements AutoCloseable {

    static final String AUDIENCE = "lethe";

    /** A key pair the provider signs with, under a key id and algorithm. */
    record SigningKey(String kid, KeyPair pair, SignatureAlgorithm alg) {

        static SigningKey rsa(String kid) {
            return new SigningKey(kid, Jwts.SIG.RS256.keyPair().build(), Jwts.SIG.RS256);
        }

        static SigningKey ec(String kid) {
            return new SigningKey(kid, Jwts.SIG.ES256.keyPair().build(), Jwts.SIG.ES256);
        }

        static SigningKey ed25519(String kid) {
            return new SigningKey(kid, Jwks.CRV.Ed25519.keyPair().build(), Jwts.SIG.EdDSA);
        }

        /** The same key pair under another key id (or another pair under this id). */
        SigningKey withKid(String otherKid) {
            return new SigningKey(otherKid, pair, alg);
        }

        String publicJwk() {
            return Jwks.json(Jwks.builder().key(pair.getPublic()).id(kid).algorithm(alg.getId()).publicKeyUse("sig").build());
        }
    }

    private final HttpServer server;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger failedRequests = new AtomicInteger();
    private volatile List<SigningKey> published;
    private volatile boolean failing;

    private TestIdentityProvider(HttpServer server, List<SigningKey> keys) {
        this.server = server;
        this.published = List.copyOf(keys);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery()));
        server.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            answer(exchange, jwks());
        });
    }

    static TestIdentityProvider start(SigningKey... keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestIdentityProvider provider = new TestIdentityProvider(server, List.of(keys));
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An issuer URL on which nothing listens: a provider that is down. */
    static String unreachableIssuer() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replaces the published key set, as a provider does when it rotates its keys. */
    void publish(SigningKey... keys) {
        published = List.of(keys);
    }

    /** Every request answers 503 until {@link #recover()}. */
    void fail() {
        failing = true;
    }

    void recover() {
        failing = false;
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    int failedRequests() {
        return failedRequests.get();
    }

    /** A token from this provider for {@code user}, valid for five minutes; adjust it before signing. */
    TokenBuilder tokenFor(String user) {
        return new TokenBuilder(issuer(), AUDIENCE, user);
    }

    private String discovery() {
        return "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\",\"EdDSA\"]}";
    }

    private String jwks() {
        return published.stream().map(SigningKey::publicJwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int status = 200;
        if (failing) {
            failedRequests.incrementAndGet();
            status = 503;
            body = "{\"error\":\"down for maintenance\"}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
