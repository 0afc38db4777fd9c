package lethe.login;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * The answer to a device authorization request (RFC 8628 §3.2): what to show the user, and what to poll with.
 *
 * @param verificationUriComplete the address with the code filled in, when the provider offers one
 * @param interval                how long to wait between polls; 5 s when the provider does not say
 */
record DeviceAuthorization(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
                           Duration expiresIn, Duration interval) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    static DeviceAuthorization from(JsonNode answer) {
        String verificationUri = answer.hasNonNull("verification_uri")
                ? answer.get("verification_uri").asText()
                // Some providers predate the RFC's final name for it.
                : answer.path("verification_url").asText(null);
        if (!answer.hasNonNull("device_code") || !answer.hasNonNull("user_code") || verificationUri == null) {
            throw new LoginException("The provider's device authorization answer lacks device_code, user_code or verification_uri.");
        }
        long interval = answer.path("interval").asLong(DEFAULT_INTERVAL.toSeconds());
        return new DeviceAuthorization(answer.get("device_code").asText(), answer.get("user_code").asText(),
                verificationUri, answer.path("verification_uri_complete").asText(null),
                Duration.ofSeconds(answer.path("expires_in").asLong(600)),
                Duration.ofSeconds(Math.max(1, interval)));
    }
}
