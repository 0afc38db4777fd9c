package lethe.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.auth.oidc.TestIdentityProvider.SigningKey;
import lethe.testing.Http;
import lethe.testing.Turns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static lethe.auth.oidc.OidcApps.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens from a real (in-test) OpenID provider, against the real application over HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OidcBearerTest {

    static final SigningKey RSA = SigningKey.rsa("rsa-1");
    static final SigningKey EC = SigningKey.ec("ec-1");
    static final SigningKey ED25519 = SigningKey.ed25519("ed-1");
    static final TestIdentityProvider IDP = TestIdentityProvider.start(RSA, EC, ED25519);
    static final DropwizardAppExtension<LetheConfiguration> APP = OidcApps.pointingAt(IDP.issuer());

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    private static Http.Response listSessions(String token) {
        return bearer(APP, token).get("/api/v1/sessions");
    }

    private static void assertRefused(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"lethe\", error=\"invalid_token\"");
    }

    @Test
    void aValidRs256TokenSignsIn() {
        assertThat(listSessions(IDP.tokenFor("alice").signedWith(RSA)).status()).isEqualTo(200);
    }

    @Test
    void aValidEs256TokenSignsIn() {
        assertThat(listSessions(IDP.tokenFor("alice").signedWith(EC)).status()).isEqualTo(200);
    }

    @Test
    void aValidEdDsaTokenSignsIn() {
        assertThat(listSessions(IDP.tokenFor("alice").signedWith(ED25519)).status()).isEqualTo(200);
    }

    @Test
    void anRfc9068AccessTokenTypedAtJwtSignsIn() {
        assertThat(listSessions(IDP.tokenFor("alice").type("at+jwt").signedWith(RSA)).status()).isEqualTo(200);
    }

    @Test
    void aTokenTypedAsSomethingElseIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").type("logout+jwt").signedWith(RSA)));
    }

    @Test
    void anAudienceArrayContainingLetheSignsIn() {
        String token = IDP.tokenFor("alice").claim("aud", List.of("grafana", "lethe")).signedWith(RSA);
        assertThat(TokenBuilder.payloadOf(token).get("aud")).isEqualTo(List.of("grafana", "lethe"));
        assertThat(listSessions(token).status()).isEqualTo(200);
    }

    @Test
    void theUserIsTheUsernameClaimNotTheSubject() {
        String token = IDP.tokenFor("bob").claim("sub", "4a1f0e6c-0b7e-4f5e-9f0a-3c2d1b0a9e8f").signedWith(RSA);
        String session = "oidc-owner-" + UUID.randomUUID();
        Http.Response ingest = bearer(APP, token).ingest(Turns.line(session, "t1", 0, "user", 1700000000, "hi") + "\n");
        assertThat(ingest.json().get("accepted").asInt()).isEqualTo(1);

        Http.Response asBob = Http.to(APP.getLocalPort()).as("bob").get("/api/v1/sessions/claude-code/laptop/" + session);
        assertThat(asBob.status()).isEqualTo(200);
        assertThat(asBob.json().get("owner").asText()).isEqualTo("bob");
    }

    @Test
    void meReportsTheTokensUserGroupsAndMode() {
        String token = IDP.tokenFor("dave").claim("groups", List.of("staff", "lethe-admins")).signedWith(EC);
        JsonNode me = bearer(APP, token).get("/api/v1/me").json();
        assertThat(me.get("user").asText()).isEqualTo("dave");
        assertThat(me.get("mode").asText()).isEqualTo("oidc");
        assertThat(me.get("admin").asBoolean()).isTrue();
        assertThat(me.get("groups")).extracting(JsonNode::asText).containsExactly("lethe-admins", "staff");
    }

    @Test
    void aSingleGroupSentAsAStringCounts() {
        String token = IDP.tokenFor("dave").claim("groups", "lethe-admins").signedWith(RSA);
        assertThat(bearer(APP, token).get("/api/v1/me").json().get("admin").asBoolean()).isTrue();
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        assertRefused(listSessions(IDP.tokenFor("alice").claim("iat", longAgo.minusSeconds(300)).claim("exp", longAgo).signedWith(RSA)));
    }

    @Test
    void aTokenNotValidBeforeALaterTimeIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").claim("nbf", Instant.now().plus(Duration.ofMinutes(10))).signedWith(RSA)));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").claim("iat", Instant.now().plus(Duration.ofMinutes(10))).signedWith(RSA)));
    }

    @Test
    void aTokenWithinTheClockSkewIsAccepted() {
        Instant soon = Instant.now().plus(Duration.ofSeconds(20));
        assertThat(listSessions(IDP.tokenFor("alice").claim("nbf", soon).claim("iat", soon).signedWith(RSA)).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").without("exp").signedWith(RSA)));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").claim("iss", "https://evil.example.com").signedWith(RSA)));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").claim("aud", "grafana").signedWith(RSA)));
    }

    @Test
    void aTokenSignedByAKeyNotInTheSetIsRefused() {
        SigningKey stranger = SigningKey.ec("stranger-" + UUID.randomUUID());
        assertRefused(listSessions(IDP.tokenFor("alice").signedWith(stranger)));
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAKnownKidIsRefused() {
        SigningKey impostor = SigningKey.rsa(RSA.kid());
        assertRefused(listSessions(IDP.tokenFor("alice").signedWith(impostor)));
    }

    @Test
    void aTokenWhoseAlgorithmDoesNotFitTheNamedKeyIsRefused() {
        SigningKey ecUnderRsaKid = SigningKey.ec(RSA.kid());
        assertRefused(listSessions(IDP.tokenFor("alice").signedWith(ecUnderRsaKid)));
    }

    @Test
    void anUnsecuredTokenWithAlgNoneIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").unsigned()));
    }

    @Test
    void anHs256TokenKeyedWithTheRsaPublicKeyIsRefused() {
        assertRefused(listSessions(IDP.tokenFor("alice").hs256WithPublicKeyAsSecret(RSA.kid(), RSA.pair().getPublic())));
    }

    @Test
    void aTokenWithATamperedPayloadIsRefused() {
        String token = IDP.tokenFor("alice").signedWith(RSA);
        Map<String, Object> claims = TokenBuilder.payloadOf(token);
        claims.put("preferred_username", "carol");
        assertRefused(listSessions(TokenBuilder.withPayload(token, claims)));
    }

    @Test
    void aTokenWithoutTheUsernameClaimIsRefusedEvenWithASubject() {
        assertRefused(listSessions(IDP.tokenFor("alice").without("preferred_username").claim("sub", "alice").signedWith(RSA)));
    }

    @Test
    void aValidTokenForAUserNotOnTheAllowlistIsForbidden() {
        Http.Response response = listSessions(IDP.tokenFor("mallory").signedWith(RSA));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aMemberOfAnAdminGroupIsAnAdmin() {
        String admin = IDP.tokenFor("dave").claim("groups", List.of("staff", "lethe-admins")).signedWith(RSA);
        String plain = IDP.tokenFor("dave").claim("groups", List.of("staff")).signedWith(RSA);
        assertThat(bearer(APP, admin).get("/api/v1/sessions?owner=*").status()).isEqualTo(200);
        assertThat(bearer(APP, plain).get("/api/v1/sessions?owner=*").status()).isEqualTo(403);
    }

    @Test
    void aBadBearerWithATrustedForwardAuthHeaderIsTheHeadersUser() {
        String expired = IDP.tokenFor("alice").claim("exp", Instant.now().minus(Duration.ofHours(1))).signedWith(RSA);
        String session = "oidc-fallback-" + UUID.randomUUID();
        Http.Response ingest = bearer(APP, expired).as("bob").ingest(Turns.line(session, "t1", 0, "user", 1700000000, "hi") + "\n");
        assertThat(ingest.status()).isEqualTo(200);

        Http.Response asBob = Http.to(APP.getLocalPort()).as("bob").get("/api/v1/sessions/claude-code/laptop/" + session);
        assertThat(asBob.json().get("owner").asText()).isEqualTo("bob");
    }

    @Test
    void aForwardAuthUserNotOnTheAllowlistIsForbiddenThoughBearerTokensAreAcceptedToo() {
        Http.Response response = Http.to(APP.getLocalPort()).as("mallory").get("/api/v1/sessions");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aBadBearerWithATrustedHeaderForAUserNotOnTheAllowlistIsForbidden() {
        assertThat(bearer(APP, "not-a-jwt").as("mallory").get("/api/v1/sessions").status()).isEqualTo(403);
    }

    @Test
    void aBadBearerAloneIsUnauthorizedWithAnInvalidTokenChallenge() {
        assertRefused(bearer(APP, "not-a-jwt").get("/api/v1/sessions"));
    }

    @Test
    void noCredentialsAtAllGetABearerChallengeWithoutAnError() {
        Http.Response response = Http.to(APP.getLocalPort()).get("/api/v1/sessions");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"lethe\"");
    }

    @Test
    void aValidTokenInTheQueryStringIsNeverRead() {
        String token = IDP.tokenFor("alice").signedWith(RSA);
        Http.Response response = Http.to(APP.getLocalPort()).get("/api/v1/sessions?access_token=" + token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"lethe\"");
    }

    @Test
    void theHealthCheckReportsTheLoadedKeys() {
        OidcApps.awaitKeysLoaded(APP);
        assertThat(OidcApps.oidcHealth(APP).get("message").asText()).contains("3 signing keys", IDP.issuer() + "/jwks");
    }
}
