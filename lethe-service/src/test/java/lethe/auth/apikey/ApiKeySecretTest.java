package lethe.auth.apikey;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The secret's shape: what lets lethe refuse a damaged key before it looks anything up. */
class ApiKeySecretTest {

    @Test
    void aGeneratedSecretHasThePrefixItsIdAndParsesBack() {
        ApiKeySecret secret = ApiKeySecret.generate();
        assertThat(secret.value()).startsWith("lethe_" + secret.id() + "_").hasSize(68);
        assertThat(ApiKeySecret.parse(secret.value())).get().extracting(ApiKeySecret::id).isEqualTo(secret.id());
        assertThat(secret.hash()).matches("[0-9a-f]{64}");
        assertThat(secret.toString()).doesNotContain(secret.value().substring(20));
    }

    @Test
    void everySingleCharacterChangeIsCaughtByTheChecksum() {
        String value = ApiKeySecret.generate().value();
        for (int i = 0; i < value.length(); i++) {
            for (char replacement : new char[] {'0', 'z', 'Q'}) {
                if (value.charAt(i) == replacement) {
                    continue;
                }
                String changed = value.substring(0, i) + replacement + value.substring(i + 1);
                assertThat(ApiKeySecret.parse(changed)).as(changed).isEmpty();
            }
        }
    }

    @Test
    void truncatedExtendedAndForeignTokensAreNotSecrets() {
        String value = ApiKeySecret.generate().value();
        for (int length = 0; length < value.length(); length++) {
            assertThat(ApiKeySecret.parse(value.substring(0, length))).isEmpty();
        }
        assertThat(ApiKeySecret.parse(value + "0")).isEmpty();
        assertThat(ApiKeySecret.parse(value.replace("lethe_", "LETHE_"))).isEmpty();
        assertThat(ApiKeySecret.parse("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln")).isEmpty();
        assertThat(ApiKeySecret.parse(null)).isEmpty();
    }

    @Test
    void secretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ApiKeySecret secret = ApiKeySecret.generate();
            assertThat(seen.add(secret.value())).isTrue();
            assertThat(seen.add(secret.id())).isTrue();
        }
    }
}
