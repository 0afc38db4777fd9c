package lethe.login;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) for a public client: ask the provider for a code,
 * show it to the user, and poll the token endpoint until they approve it in a browser on any device.
 */
final class DeviceLogin {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 8628 §3.5: after {@code slow_down}, every later poll waits this much longer. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final OAuthHttp http;
    private final Waiting waiting;
    private final PrintStream out;

    DeviceLogin(OAuthHttp http, Waiting waiting, PrintStream out) {
        this.http = http;
        this.waiting = waiting;
        this.out = out;
    }

    StoredTokens login(String issuer, String clientId, String scope, String audience) {
        ProviderEndpoints endpoints = ProviderEndpoints.discover(http, issuer);
        Map<String, String> request = new LinkedHashMap<>();
        request.put("client_id", clientId);
        request.put("scope", scope);
        request.put("audience", audience);
        DeviceAuthorization authorization;
        try {
            authorization = DeviceAuthorization.from(http.postForm(endpoints.deviceAuthorization(), request));
        } catch (OAuthError e) {
            throw new LoginException("The provider refused to start a device login (" + e.getMessage() + ");"
                    + " check that client " + clientId + " is a public client allowed the device code grant.");
        }
        show(authorization);
        JsonNode answer = poll(endpoints, clientId, authorization);
        return StoredTokens.fromTokenAnswer(answer, endpoints.issuer(), clientId, endpoints.token().toString(),
                waiting.now(), null);
    }

    private void show(DeviceAuthorization authorization) {
        out.println("To sign in, open this address in a browser on any device:");
        out.println();
        out.println("    " + (authorization.verificationUriComplete() != null
                ? authorization.verificationUriComplete() : authorization.verificationUri()));
        out.println();
        out.println((authorization.verificationUriComplete() != null ? "and check that it shows" : "and enter")
                + " the code:  " + authorization.userCode());
        out.println();
        out.println("Waiting for approval (the code expires in " + minutes(authorization.expiresIn()) + ")...");
        out.flush();
    }

    private JsonNode poll(ProviderEndpoints endpoints, String clientId, DeviceAuthorization authorization) {
        Instant deadline = waiting.now().plus(authorization.expiresIn());
        Duration interval = authorization.interval();
        Map<String, String> request = Map.of(
                "grant_type", DEVICE_CODE_GRANT,
                "device_code", authorization.deviceCode(),
                "client_id", clientId);
        while (true) {
            pause(interval);
            if (waiting.now().isAfter(deadline)) {
                throw expired();
            }
            try {
                return http.postForm(endpoints.token(), request);
            } catch (OAuthError e) {
                switch (e.error()) {
                    case "authorization_pending" -> { }
                    case "slow_down" -> interval = interval.plus(SLOW_DOWN_STEP);
                    case "access_denied" -> throw new LoginException("The sign-in was denied in the browser.");
                    case "expired_token" -> throw expired();
                    default -> throw new LoginException("The provider refused the device login (" + e.getMessage() + ").");
                }
            }
        }
    }

    private void pause(Duration interval) {
        try {
            waiting.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("Interrupted while waiting for approval.", e);
        }
    }

    private static LoginException expired() {
        return new LoginException("The code expired before it was approved; run login again and approve it sooner.");
    }

    private static String minutes(Duration duration) {
        long minutes = Math.max(1, Math.round(duration.toSeconds() / 60.0));
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
