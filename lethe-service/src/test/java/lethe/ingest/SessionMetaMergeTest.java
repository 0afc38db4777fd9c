package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, findings 2, 11 and 12: {@code session_meta} merges as RFC 7396 says, line after line, with the
 * same result however the lines are split into requests; a hostile meta is a line error naming its limit,
 * costs no more than its size, and never holds up another user's ingest.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionMetaMergeTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    private static String line(String session, String turnId, long seq, String metaJson) {
        return "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"" + session + "\",\"turn_id\":\"" + turnId
                + "\",\"seq\":" + seq + ",\"role\":\"user\",\"timestamp\":1700000000,\"content\":\"c\""
                + (metaJson == null ? "" : ",\"session_meta\":" + metaJson) + "}";
    }

    private JsonNode meta(String user, String session) {
        Http.Response read = as(user).get("/api/v1/sessions/claude-code/laptop/" + session);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json().get("meta");
    }

    private static final List<String> PATCHES = List.of(
            "{\"a\":{\"x\":1,\"y\":2},\"gone\":null,\"keep\":\"k\"}",
            "{\"a\":{\"y\":null,\"z\":3},\"list\":[1,null]}",
            "{\"a\":{\"x\":{\"deep\":true}},\"keep\":null,\"b\":null}");

    @Test
    void metaLinesMergeTheSameWhetherSentInOneRequestOrOneRequestEach() {
        String together = "s-" + UUID.randomUUID();
        String apart = "s-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < PATCHES.size(); i++) {
            body.append(line(together, "t" + i, i, PATCHES.get(i))).append('\n');
            assertThat(as("alice").ingest(line(apart, "t" + i, i, PATCHES.get(i)) + "\n").status()).isEqualTo(200);
        }
        assertThat(as("alice").ingest(body.toString()).status()).isEqualTo(200);

        JsonNode expected = Http.JSON.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("a", Http.JSON.createObjectNode()
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("x", Http.JSON.createObjectNode().put("deep", true))
                        .put("z", 3))
                .set("list", Http.JSON.createArrayNode().add(1).addNull());
        assertThat(meta("alice", together)).isEqualTo(expected);
        assertThat(meta("alice", apart)).isEqualTo(expected);
    }

    @Test
    void aNullOnTheFirstLineOfASessionRemovesTheKeyInsteadOfStoringNull() {
        String session = "s-" + UUID.randomUUID();

        as("alice").ingest(line(session, "t", 0, "{\"cwd\":\"/p\",\"title\":null}") + "\n");

        assertThat(meta("alice", session).has("title")).isFalse();
        assertThat(meta("alice", session).get("cwd").asText()).isEqualTo("/p");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aMetaWithTooManyKeysIsALineErrorNamingTheLimitAndCostsLittle() {
        String session = "s-" + UUID.randomUUID();
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < 150_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        keys.append('}');

        long started = System.nanoTime();
        Http.Response response = as("alice").ingest(line(session, "big", 0, keys.toString()) + "\n"
                + line(session, "fine", 1, "{\"cwd\":\"/p\"}") + "\n");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("error").asText()).contains("ingest.max_meta_keys");
        assertThat(millis).as("a 2 MB meta line is refused in well under the 74 s it once took").isLessThan(5_000);
    }

    @Test
    void aMetaNestedAThousandDeepIsALineErrorNotAServerError() {
        String session = "s-" + UUID.randomUUID();
        String deep = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);

        Http.Response response = as("alice").ingest(line(session, "deep", 0, deep) + "\n");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isZero();
        assertThat(response.json().get("errors").get(0).get("error").asText()).contains("ingest.max_meta_depth");
    }

    @Test
    void metaThatWouldGrowTheMergedMetaPastTheByteLimitIsALineErrorAndTheStoredMetaStays() {
        String session = "s-" + UUID.randomUUID();
        String half = "x".repeat(40 * 1024);
        as("alice").ingest(line(session, "t0", 0, "{\"first\":\"" + half + "\"}") + "\n");

        Http.Response response = as("alice").ingest(line(session, "t1", 1, "{\"second\":\"" + half + "\"}") + "\n"
                + line(session, "t2", 2, null) + "\n");

        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("error").asText()).contains("ingest.max_meta_bytes");
        assertThat(meta("alice", session).has("first")).isTrue();
        assertThat(meta("alice", session).has("second")).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHostileMetaDoesNotHoldUpAnotherUsersIngest() {
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String hostile = line("s-" + UUID.randomUUID(), "big", 0, keys.append('}').toString()) + "\n";
        long attackStarted = System.nanoTime();
        CompletableFuture<?> attack = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> as("alice").ingest(hostile.repeat(2))),
                CompletableFuture.runAsync(() -> as("alice").ingest(hostile.repeat(2))));

        long started = System.nanoTime();
        Http.Response bobs = as("bob").ingest(line("s-" + UUID.randomUUID(), "t", 0, "{\"cwd\":\"/b\"}") + "\n");
        long millis = (System.nanoTime() - started) / 1_000_000;
        attack.join();
        long attackMillis = (System.nanoTime() - attackStarted) / 1_000_000;

        assertThat(bobs.status()).isEqualTo(200);
        // Before the fix each of alice's lines held the write lock for about half a minute, and bob waited
        // for all of them; the bounds leave room for a loaded machine.
        assertThat(attackMillis).as("alice's four 1.3 MB meta lines").isLessThan(15_000);
        assertThat(millis).as("bob's ingest during alice's meta attack").isLessThan(10_000);
    }
}
