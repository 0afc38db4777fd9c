package lethe.redact;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lethe-rules.toml's {@code [[reach]]} entries are a promise about the rules they name: running the rule
 * only near its keywords, only where what follows a keyword can continue a match, and only on texts that
 * hold what every match needs, finds exactly what running it over the whole text finds.
 */
class ReachTest {

    @Test
    void aRuleRunNearItsKeywordsFindsWhatItFindsOverTheWholeText() {
        Redactor near = RedactorTest.REDACTOR;
        Redactor whole = new Redactor(near.rules().stream().map(rule -> rule.withReach(0, null, null)).toList(), near.global());
        assertThat(near.rules().stream().filter(rule -> rule.needs() != null).map(SecretRule::id))
                .contains("curl-auth-header", "curl-auth-user");
        assertThat(near.rules().stream().filter(rule -> rule.reach() > 0).map(SecretRule::id))
                .contains("generic-api-key", "atlassian-api-token", "connection-url-password");
        assertThat(near.rules().stream().filter(rule -> rule.after() != null).map(SecretRule::id))
                .contains("generic-api-key", "jwt", "twilio-api-key", "vault-service-token", "connection-url-password");
        FakeSecrets secrets = new FakeSecrets(7);
        List<String> texts = new ArrayList<>(FixtureTexts.all());
        String filler = "x".repeat(400) + "\n";
        for (int i = 0; i < 20; i++) {
            texts.add(filler + "api_key = \"" + secrets.password() + "\"\n" + filler + "jira_token: " + secrets.password()
                    + filler + "my.service.credentials.password='" + secrets.password() + "1' # and the secret key\n"
                    + "AUTH_TOKEN=" + secrets.password() + filler.repeat(i % 3) + "token=" + secrets.password());
        }

        // Each of the gated rules' secrets, among the common words their keywords hide in.
        for (int i = 0; i < 10; i++) {
            texts.add("They ask for the key to the tasks. Keys: " + filler + "Bearer " + secrets.jwt() + " then\n"
                    + "twilio SK" + "0123456789abcdef".repeat(2) + " and VAULT_TOKEN=s." + secrets.password().substring(0, 12)
                    + "Ab3dE5gH7jK9 " + filler.repeat(i % 2) + FakeSecrets.connectionUrl(secrets.password())
                    + " and https://example.com/docs, KeyError: 'token' (they said: monkey business)");
        }

        // generic-api-key's gate at the edges of its leading runs: 20 name characters, blanks shared between them.
        for (int i = 0; i < 2; i++) {
            String secret = secrets.password() + i;
            texts.add("api_key" + "x".repeat(19) + "  : " + secret);
            texts.add("api_key" + "x".repeat(20) + " \t\"= " + secret);
            texts.add("the access_token    \t'=" + secret + "\n");
            texts.add("password" + "a".repeat(21) + "=" + secret);
            texts.add("KeyError: '" + secret + "' and auth   ::=" + secret);
        }

        // The curl rules' credentials, in the spellings their expressions take, and curl without any.
        for (int i = 0; i < 2; i++) {
            String secret = secrets.password();
            String more = filler.repeat(i);
            texts.add("curl -sS -H \"Authorization: Bearer " + secret + "\" https://api.example.com/v1/items" + more);
            texts.add(more + "curl https://api.example.com \\\n  -H 'X-Api-Key: " + secret + "' \\\n  -d @body.json");
            texts.add("curl --header=\"authorization: Basic " + secret + "\" https://example.com/" + more);
            texts.add("curl -X POST --header 'X-Custom-Token: " + secret + "' http://localhost:8080/" + more);
            texts.add("curl -H 'X-Api-\u212Aey: " + secret + "' https://example.com/");
            texts.add("curl -u admin:" + secret + " https://example.com/" + more);
            texts.add("curl --user 'deploy:" + secret + "' https://example.com/");
            texts.add("curl -u \"" + secret + ":\" https://example.com/");
            texts.add("curl -s https://example.com \\\n  --user=svc:" + secret + "\n" + more);
            texts.add("curl -sS -H 'Content-Type: application/json' --data-binary @x.ndjson http://127.0.0.1:8080/api" + more
                    + "\nthen git push -u origin main; curl -H \"Authorization: $TOKEN\" and curl --user-agent lethe x");
        }

        int redacted = 0;
        RedactionTally byRule = new RedactionTally();
        for (String text : texts) {
            String expected = whole.redact(text, byRule);
            assertThat(near.redact(text, new RedactionTally())).isEqualTo(expected);
            redacted += expected.equals(text) ? 0 : 1;
        }
        assertThat(byRule.byRule()).containsKeys("curl-auth-header", "curl-auth-user");
        assertThat(redacted).isEqualTo(56);
    }
}
