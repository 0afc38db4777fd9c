package lethe.login;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small OAuth 2.0 authorization server on loopback implementing what a device login touches:
 * discovery, the device authorization endpoint (RFC 8628 §3.1-3.2) and the token endpoint for the
 * device code grant (§3.4-3.5) and the refresh token grant. The test scripts how the user responds,
 * poll by poll; every token request is recorded.
 */
final class TestAuthorizationServer implements AutoCloseable {

    static final String CLIENT_ID = "lethe-cli";
    static final String DEVICE_CODE = "device-code-5b1f";
    static final String USER_CODE = "WDJB-MJHT";
    static final long ACCESS_TOKEN_LIFETIME_SECONDS = 300;

    /** What the token endpoint answers to the next device code poll. */
    enum Poll { PENDING, SLOW_DOWN, DENIED, EXPIRED, APPROVE }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Poll> script = new ArrayDeque<>();
    private final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());
    private Map<String, String> deviceRequest;
    private boolean advertiseDeviceEndpoint = true;
    private long interval = 5;
    private long expiresIn = 600;
    private int issued;
    private String currentRefreshToken;

    private TestAuthorizationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/device", this::deviceAuthorization);
        server.createContext("/token", this::token);
        server.start();
    }

    static TestAuthorizationServer start() throws IOException {
        return new TestAuthorizationServer();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    TestAuthorizationServer script(Poll... polls) {
        script.addAll(List.of(polls));
        return this;
    }

    TestAuthorizationServer interval(long seconds) {
        this.interval = seconds;
        return this;
    }

    TestAuthorizationServer expiresIn(long seconds) {
        this.expiresIn = seconds;
        return this;
    }

    TestAuthorizationServer withoutDeviceEndpoint() {
        this.advertiseDeviceEndpoint = false;
        return this;
    }

    /** Makes the refresh token now stored in the client unusable, as a provider does after logout or expiry. */
    void forgetRefreshTokens() {
        currentRefreshToken = null;
    }

    List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    Map<String, String> deviceRequest() {
        return deviceRequest;
    }

    String currentRefreshToken() {
        return currentRefreshToken;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("token_endpoint", issuer() + "/token");
        if (advertiseDeviceEndpoint) {
            document.put("device_authorization_endpoint", issuer() + "/device");
        }
        document.put("grant_types_supported", List.of("refresh_token", DeviceLogin.DEVICE_CODE_GRANT));
        respond(exchange, 200, document);
    }

    private void deviceAuthorization(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        deviceRequest = form;
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            respond(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        respond(exchange, 200, Map.of(
                "device_code", DEVICE_CODE,
                "user_code", USER_CODE,
                "verification_uri", issuer() + "/activate",
                "verification_uri_complete", issuer() + "/activate?user_code=" + USER_CODE,
                "expires_in", expiresIn,
                "interval", interval));
    }

    private synchronized void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        tokenRequests.add(form);
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            respond(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        switch (String.valueOf(form.get("grant_type"))) {
            case DeviceLogin.DEVICE_CODE_GRANT -> devicePoll(exchange, form);
            case "refresh_token" -> refresh(exchange, form);
            default -> respond(exchange, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private void devicePoll(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!DEVICE_CODE.equals(form.get("device_code"))) {
            respond(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Poll poll = script.isEmpty() ? Poll.PENDING : script.poll();
        switch (poll) {
            case PENDING -> respond(exchange, 400, Map.of("error", "authorization_pending"));
            case SLOW_DOWN -> respond(exchange, 400, Map.of("error", "slow_down"));
            case DENIED -> respond(exchange, 400, Map.of("error", "access_denied", "error_description", "The user said no"));
            case EXPIRED -> respond(exchange, 400, Map.of("error", "expired_token"));
            case APPROVE -> respond(exchange, 200, issueTokens());
        }
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (currentRefreshToken == null || !currentRefreshToken.equals(form.get("refresh_token"))) {
            respond(exchange, 400, Map.of("error", "invalid_grant", "error_description", "refresh token is not active"));
            return;
        }
        respond(exchange, 200, issueTokens());
    }

    /** Rotates the refresh token on every issue, as Authelia and Authentik do. */
    private Map<String, Object> issueTokens() {
        issued++;
        currentRefreshToken = "refresh-" + issued;
        return Map.of(
                "access_token", "access-" + issued,
                "token_type", "Bearer",
                "expires_in", ACCESS_TOKEN_LIFETIME_SECONDS,
                "refresh_token", currentRefreshToken,
                "scope", "openid profile offline_access");
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        if (!"POST".equals(exchange.getRequestMethod())
                || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/x-www-form-urlencoded")) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
