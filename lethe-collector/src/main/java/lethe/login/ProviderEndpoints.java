package lethe.login;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/** The endpoints of an OpenID provider that a device login needs, from its discovery document. */
record ProviderEndpoints(String issuer, URI deviceAuthorization, URI token) {

    static ProviderEndpoints discover(OAuthHttp http, String issuer) {
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI discovery = URI.create(trimmed + "/.well-known/openid-configuration");
        JsonNode document = http.getJson(discovery);
        // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for, or
        // whoever served it could direct the login elsewhere.
        String announced = document.path("issuer").asText("");
        if (!stripSlash(announced).equals(trimmed)) {
            throw new LoginException(discovery + " names issuer '" + announced + "', not " + issuer + ".");
        }
        if (!document.hasNonNull("device_authorization_endpoint")) {
            throw new LoginException(issuer + " does not offer the device login (no device_authorization_endpoint"
                    + " in its discovery document); enable the device code grant there, or use an API key.");
        }
        if (!document.hasNonNull("token_endpoint")) {
            throw new LoginException(discovery + " has no token_endpoint.");
        }
        return new ProviderEndpoints(announced,
                OAuthHttp.checked(URI.create(document.get("device_authorization_endpoint").asText())),
                OAuthHttp.checked(URI.create(document.get("token_endpoint").asText())));
    }

    private static String stripSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
