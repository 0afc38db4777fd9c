package lethe.ratelimit;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-principal limits in the real app, with buckets so small and so slow to refill (one token per
 * 1000 s) that nothing refills while the test runs. A read follows each refused upload: Jetty may close
 * a connection whose request body it never read, and the JDK client retries only idempotent requests.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("rate_limits.enabled", "true"),
            ConfigOverride.config("rate_limits.ingest.requests_per_second", "0.001"),
            ConfigOverride.config("rate_limits.ingest.burst", "3"),
            ConfigOverride.config("rate_limits.reads.requests_per_second", "0.001"),
            ConfigOverride.config("rate_limits.reads.burst", "4"));

    private Http http() {
        return Http.to(APP.getLocalPort());
    }

    private static String turn(String session) {
        return Turns.line(session, "t1", 0, "user", 1700000000, "hi") + "\n";
    }

    private long limitedCount() {
        return APP.getEnvironment().metrics().counter(RateLimits.LIMITED_COUNTER).getCount();
    }

    @Test
    void aBurstOverTheIngestLimitGets429WithRetryAfterWhileOtherUsersAreUnaffected() {
        Http alice = http().as("alice");
        long limitedBefore = limitedCount();
        for (int i = 0; i < 3; i++) {
            assertThat(alice.ingest(turn("burst-" + i)).status()).isEqualTo(200);
        }
        Http.Response limited = alice.ingest(turn("burst-3"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.json().get("detail").asText()).contains("rate_limits.ingest");
        assertThat(limited.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 1000L);
        assertThat(limitedCount()).isEqualTo(limitedBefore + 1);

        assertThat(alice.get("/api/v1/sessions").status()).as("reads have a bucket of their own").isEqualTo(200);
        assertThat(alice.get("/api/v1/sessions/claude-code/laptop/burst-3").status())
                .as("the refused request stored nothing").isEqualTo(404);

        Http.Response bob = http().as("bob").ingest(turn("bob"));
        assertThat(bob.status()).as("another user is not held back").isEqualTo(200);
    }

    @Test
    void readsAreLimitedToo() {
        Http carol = http().as("carol");
        for (int i = 0; i < 4; i++) {
            assertThat(carol.get("/api/v1/sessions").status()).isEqualTo(200);
        }
        Http.Response limited = carol.get("/api/v1/sessions");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("detail").asText()).contains("rate_limits.reads");
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(http().as("dave").get("/api/v1/sessions").status()).isEqualTo(200);
    }

    /** Issue 14, finding 14: creating keys must not multiply a user's rate limit. */
    @Test
    void allOfAUsersApiKeysShareTheUsersOneBudget() {
        Http bob = http().as("bob");
        Http laptop = http().header("Authorization", "Bearer " + newKey(bob, "laptop"));
        Http desktop = http().header("Authorization", "Bearer " + newKey(bob, "desktop"));
        for (int i = 0; i < 3; i++) {
            assertThat((i % 2 == 0 ? laptop : desktop).ingest(turn("key-" + i)).status()).isEqualTo(200);
        }

        assertThat(desktop.ingest(turn("key-3")).status()).isEqualTo(429);
        assertThat(http().header("Authorization", "Bearer " + newKey(bob, "third")).ingest(turn("key-4")).status())
                .as("a fresh key brings no fresh budget").isEqualTo(429);
        assertThat(bob.ingest(turn("bob-header")).status()).isEqualTo(429);
    }

    private static String newKey(Http user, String name) {
        return user.post("/api/v1/keys", "application/json", ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8))
                .json().get("secret").asText();
    }
}
