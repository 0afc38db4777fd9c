package lethe.redact;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lethe-rules.toml's {@code [[reach]]} entries are a promise about the rules they name: running the rule
 * only near its keywords finds exactly what running it over the whole text finds.
 */
class ReachTest {

    @Test
    void aRuleRunNearItsKeywordsFindsWhatItFindsOverTheWholeText() {
        Redactor near = RedactorTest.REDACTOR;
        Redactor whole = new Redactor(near.rules().stream().map(rule -> rule.withReach(0)).toList(), near.global());
        assertThat(near.rules().stream().filter(rule -> rule.reach() > 0).map(SecretRule::id))
                .contains("generic-api-key", "atlassian-api-token");
        FakeSecrets secrets = new FakeSecrets(7);
        List<String> texts = new ArrayList<>(FixtureTexts.all());
        String filler = "x".repeat(400) + "\n";
        for (int i = 0; i < 20; i++) {
            texts.add(filler + "api_key = \"" + secrets.password() + "\"\n" + filler + "jira_token: " + secrets.password()
                    + filler + "my.service.credentials.password='" + secrets.password() + "1' # and the secret key\n"
                    + "AUTH_TOKEN=" + secrets.password() + filler.repeat(i % 3) + "token=" + secrets.password());
        }

        int redacted = 0;
        for (String text : texts) {
            String expected = whole.redact(text, new RedactionTally());
            assertThat(near.redact(text, new RedactionTally())).isEqualTo(expected);
            redacted += expected.equals(text) ? 0 : 1;
        }
        assertThat(redacted).isEqualTo(20);
    }
}
