package lethe.redact;

import lethe.api.Attachment;
import lethe.api.ToolCall;
import lethe.api.TurnEvent;
import lethe.config.ConfigInvalidException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC §15: the secrets of real token formats are replaced by a marker naming the rule, nothing else is. */
class RedactorTest {

    static final Redactor REDACTOR = new RedactionConfig().redactor();
    final FakeSecrets secrets = new FakeSecrets(20);

    private static String redact(String text) {
        return REDACTOR.redact(text, new RedactionTally());
    }

    @Test
    void theBundledGitleaksRulesLoadWithFewSkipped() {
        GitleaksRules.Loaded loaded = GitleaksRules.bundled();

        assertThat(loaded.rules().size()).isGreaterThan(200);
        assertThat(loaded.skipped()).hasSizeLessThan(5);
        assertThat(loaded.fileRules()).contains("pkcs12-file", "kubernetes-secret-yaml");
    }

    @Test
    void anAwsAccessKeyIsReplacedByAMarkerNamingTheRule() {
        String key = secrets.aws();

        String redacted = redact("export AWS_ACCESS_KEY_ID=" + key + " and run it");

        assertThat(redacted).isEqualTo("export AWS_ACCESS_KEY_ID=«redacted:aws-access-token» and run it");
    }

    @Test
    void everyCommonTokenFormatIsRedactedWithoutLeavingItsCharacters() {
        Map<String, String> byRule = Map.of(
                "github-pat", secrets.github(),
                "anthropic-api-key", secrets.anthropic(),
                "openai-api-key", secrets.openai(),
                "slack-bot-token", secrets.slack(),
                "private-key", secrets.privateKey(),
                "jwt", secrets.jwt());
        byRule.forEach((rule, secret) -> {
            RedactionTally tally = new RedactionTally();
            String redacted = REDACTOR.redact("here it is:\n" + secret + "\nthanks", tally);

            assertThat(redacted).as(rule).contains("«redacted:" + rule + "»").doesNotContain(secret.substring(12, 40));
            assertThat(tally.byRule()).as(rule).containsEntry(rule, 1L);
        });
    }

    @Test
    void aConnectionUrlKeepsItsUserAndHostButLosesThePassword() {
        String password = secrets.password();

        String redacted = redact("psql " + FakeSecrets.connectionUrl(password));

        assertThat(redacted).isEqualTo("psql postgres://app:«redacted:connection-url-password»@db.internal:5432/orders");
    }

    @Test
    void placeholdersInConnectionUrlsAreNotSecrets() {
        for (String text : List.of("postgres://user:password@localhost/db", "redis://:${REDIS_PASSWORD}@cache:6379",
                "mysql://root:<password>@127.0.0.1/app", "https://example.com/path?x=1")) {
            assertThat(redact(text)).isEqualTo(text);
        }
    }

    @Test
    void theAwsDocumentationExampleKeyIsAllowed() {
        assertThat(redact("AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void ordinaryCodeAndHashesStayAsTheyAre() {
        String code = """
                public String apiKey() { return config.getApiKey(); }
                const token = await getToken(request);
                commit 3f2c9a1e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39 (HEAD -> main)
                sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                password = os.environ["DB_PASSWORD"]
                """;
        assertThat(redact(code)).isEqualTo(code);
    }

    @Test
    void aTextAlreadyRedactedIsLeftAlone() {
        String once = redact("key " + secrets.github() + " and AWS " + secrets.aws());
        RedactionTally again = new RedactionTally();

        assertThat(REDACTOR.redact(once, again)).isSameAs(once);
        assertThat(again.total()).isZero();
    }

    @Test
    void aTurnIsRedactedInItsContentToolInputMetaAndAttachmentNames() {
        String github = secrets.github();
        String aws = secrets.aws();
        String slack = secrets.slack();
        String anthropic = secrets.anthropic();
        TurnEvent event = new TurnEvent("claude-code", "laptop", "s1", "t1", 0L, "assistant", 1.7e9,
                "pushing with " + github, Map.of("cwd", "/home/me", "env", Map.of("AWS", aws)), null, null,
                "tool_use", "Bash", new ToolCall("call-1", "Bash", Map.of("command", "curl -H 'Authorization: Bearer " + anthropic + "'",
                "args", List.of("--token", slack))),
                null, List.of(new Attachment("image/png", "iVBORw0KGgo=", "screenshot-" + github + ".png")));
        RedactionTally tally = new RedactionTally();

        TurnEvent redacted = REDACTOR.redact(event, tally);

        String all = redacted.toString();
        assertThat(all).doesNotContain(github, aws, slack, anthropic);
        assertThat(redacted.content()).isEqualTo("pushing with «redacted:github-pat»");
        assertThat(redacted.sessionMeta()).containsEntry("cwd", "/home/me");
        assertThat(redacted.toolCall().input().get("args")).isEqualTo(List.of("--token", "«redacted:slack-bot-token»"));
        assertThat(redacted.attachments().get(0).name()).isEqualTo("screenshot-«redacted:github-pat».png");
        assertThat(redacted.attachments().get(0).data()).isEqualTo("iVBORw0KGgo=");
        assertThat(tally.total()).isEqualTo(5);
    }

    @Test
    void anOperatorsOwnRuleAndAllowlistEntryApply() {
        RedactionConfig config = new RedactionConfig();
        config.getRules().add(new RedactionConfig.Rule("acme-token", "\\bacme_[a-z0-9]{24}\\b", 0, 0, List.of("acme_")));
        String allowed = secrets.github();
        config.getAllowlist().getRegexes().add("^" + allowed + "$");
        Redactor redactor = config.redactor();

        String redacted = redactor.redact("acme_0123456789abcdefghijklmn and " + allowed, new RedactionTally());

        assertThat(redacted).isEqualTo("«redacted:acme-token» and " + allowed);
    }

    /**
     * lethe runs with {@code -Xss512k} (docs/operations.md); RE2/J compiles {@code {50,1000}} one stack frame
     * per count, which overflowed such a stack when the server started. Here the stack is half that.
     */
    @Test
    void rulesWithLongCountedRepetitionsCompileAndMatchOnAThreadWithASmallStack() throws InterruptedException {
        RedactionConfig config = new RedactionConfig();
        config.getRules().add(new RedactionConfig.Rule("acme-long-token", "\\bacme_[a-z0-9]{50,1000}\\b", 0, 0, List.of("acme_")));
        String pypi = "pypi-AgEIcHlwaS5vcmc" + secrets.slack().replace('-', '_').repeat(12);
        String acme = "acme_" + "0123456789abcdefghij".repeat(40);
        Object[] outcome = new Object[1];
        Thread small = new Thread(null, () -> {
            try {
                outcome[0] = config.redactor().redact("upload with " + pypi + " then " + acme + " done", new RedactionTally());
            } catch (StackOverflowError e) {
                outcome[0] = e;
            }
        }, "small-stack", 256 * 1024);

        small.start();
        small.join();

        assertThat(outcome[0]).isEqualTo("upload with «redacted:pypi-upload-token» then «redacted:acme-long-token» done");
    }

    @Test
    void anExtraRuleRE2CannotCompileIsRefusedNamingTheKey() {
        RedactionConfig config = new RedactionConfig();
        config.getRules().add(new RedactionConfig.Rule("ok", "ok_[a-z]+", 0, 0, List.of()));
        config.getRules().add(new RedactionConfig.Rule("backref", "(a)\\1", 0, 0, List.of()));

        assertThatThrownBy(config::redactor).isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("redaction.rules[1].regex");
    }

    @Test
    void turnedOffNothingIsRedacted() {
        RedactionConfig config = new RedactionConfig();
        config.setEnabled(false);
        String text = "key " + secrets.github();

        assertThat(config.redactor().redact(text, new RedactionTally())).isSameAs(text);
    }
}
