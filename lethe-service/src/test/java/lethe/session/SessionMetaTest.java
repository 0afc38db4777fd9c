package lethe.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's meta is an RFC 7396 merge of every {@code session_meta} sent for it, request after
 * request, the same on SQLite and PostgreSQL.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionMetaTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    private static void send(String session, String turnId, String meta) {
        String line = Turns.line(session, turnId, 0, "user", 1_700_000_000, "hi");
        Http.Response response = alice().ingest(line.substring(0, line.length() - 1) + ",\"session_meta\":" + meta + "}\n");
        assertThat(response.status()).isEqualTo(200);
    }

    private static JsonNode meta(String session) {
        return alice().get("/api/v1/sessions/claude-code/laptop/" + session).json().get("meta");
    }

    @Test
    void nestedObjectsMergeKeyByKeyAndOtherValuesAreReplacedWhole() {
        send("nested", "t1", "{\"git\":{\"branch\":\"main\",\"dirty\":false},\"tags\":[\"a\",\"b\"],\"n\":1}");
        send("nested", "t2", "{\"git\":{\"dirty\":true,\"remote\":{\"name\":\"origin\"}},\"tags\":[\"c\"],\"n\":\"one\"}");

        JsonNode meta = meta("nested");
        assertThat(meta.get("git").get("branch").asText()).isEqualTo("main");
        assertThat(meta.get("git").get("dirty").asBoolean()).isTrue();
        assertThat(meta.get("git").get("remote").get("name").asText()).isEqualTo("origin");
        assertThat(meta.get("tags")).hasSize(1);
        assertThat(meta.get("tags").get(0).asText()).isEqualTo("c");
        assertThat(meta.get("n").asText()).isEqualTo("one");
    }

    @Test
    void aNullRemovesTheKeyAtAnyDepth() {
        send("removal", "t1", "{\"cwd\":\"/a\",\"git\":{\"branch\":\"main\",\"sha\":\"abc\"}}");
        send("removal", "t2", "{\"cwd\":null,\"git\":{\"sha\":null},\"fresh\":{\"gone\":null,\"kept\":1}}");

        JsonNode meta = meta("removal");
        assertThat(meta.has("cwd")).isFalse();
        assertThat(meta.get("git").has("sha")).isFalse();
        assertThat(meta.get("git").get("branch").asText()).isEqualTo("main");
        assertThat(meta.get("fresh").has("gone")).isFalse();
        assertThat(meta.get("fresh").get("kept").asInt()).isEqualTo(1);
    }

    @Test
    void anEscapedNulInMetaOrContentIsStoredAsTheReplacementCharacter() {
        String line = Turns.line("nul", "t1", 0, "user", 1_700_000_000, "a\u0000b");
        Http.Response response = alice().ingest(line.substring(0, line.length() - 1)
                + ",\"session_meta\":{\"k\\u0000\":\"v\\u0000\"}}\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(1);

        JsonNode session = alice().get("/api/v1/sessions/claude-code/laptop/nul").json();
        assertThat(session.get("turns").get(0).get("content").asText()).isEqualTo("a\uFFFDb");
        assertThat(session.get("meta").get("k\uFFFD").asText()).isEqualTo("v\uFFFD");
    }
}
