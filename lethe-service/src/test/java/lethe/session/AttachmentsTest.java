package lethe.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.Images;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §11: images sent with a turn are checked (type allowlist, size, real bytes), kept beside the turn,
 * listed on it by URL, and served to their owner only, as the image they are and nothing a browser would run.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AttachmentsTest {

    static final int LIMIT = 4096;
    static final DropwizardAppExtension<LetheConfiguration> APP =
            LetheApp.start(ConfigOverride.config("ingest.max_attachment_bytes", String.valueOf(LIMIT)));

    private static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    private static String attachment(String mediaType, byte[] data, String name) {
        return "{\"media_type\":\"" + mediaType + "\",\"data\":\"" + Images.base64(data) + "\""
                + (name == null ? "" : ",\"name\":" + Turns.quote(name)) + "}";
    }

    private static String line(String session, String turnId, String... attachments) {
        String base = Turns.line(session, turnId, 0, "user", 1700000000, "look at this");
        return base.substring(0, base.length() - 1) + ",\"attachments\":[" + String.join(",", attachments) + "]}";
    }

    private static JsonNode firstTurn(Http user, String session) {
        return user.get("/api/v1/sessions/claude-code/laptop/" + session).json().get("turns").get(0);
    }

    @Test
    void everyAllowedImageTypeIsStoredListedByUrlAndServedBackByteForByte() {
        byte[] png = Images.png();
        byte[] jpeg = Images.encoded("jpeg", 8, 8);
        byte[] gif = Images.encoded("gif", 5, 5);
        byte[] webp = Images.webp();
        Http alice = as("alice");
        assertThat(alice.ingest(line("pics", "u1", attachment("image/png", png, "screen shot.png"),
                attachment("image/jpeg", jpeg, null), attachment("image/gif", gif, "a.gif"),
                attachment("image/webp", webp, "w.webp")) + "\n").json().get("accepted").asLong()).isEqualTo(1);

        JsonNode listed = firstTurn(alice, "pics").get("attachments");

        assertThat(listed).hasSize(4);
        assertThat(listed.get(0).toString()).isEqualTo("{\"index\":0,\"media_type\":\"image/png\",\"name\":\"screen shot.png\","
                + "\"bytes\":" + png.length + ",\"url\":\"/api/v1/sessions/claude-code/laptop/pics/attachments/u1/0\"}");
        assertThat(listed.get(1).has("name")).isFalse();
        byte[][] sent = {png, jpeg, gif, webp};
        String[] types = {"image/png", "image/jpeg", "image/gif", "image/webp"};
        for (int i = 0; i < 4; i++) {
            HttpResponse<byte[]> served = alice.getBytes(listed.get(i).get("url").asText());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(sent[i]);
            assertThat(served.headers().firstValue("Content-Type")).contains(types[i]);
        }
    }

    @Test
    void anAttachmentIsServedWithHeadersThatKeepABrowserFromRunningIt() {
        as("alice").ingest(line("headers", "u1", attachment("image/png", Images.png(), "../\"evil\" name.html")) + "\n");

        HttpResponse<byte[]> served = as("alice").getBytes("/api/v1/sessions/claude-code/laptop/headers/attachments/u1/0");

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(served.headers().firstValue("Content-Security-Policy")).contains("sandbox; default-src 'none'");
        assertThat(served.headers().firstValue("Content-Disposition")).contains("inline; filename=\"evil__name.png\"");
    }

    @Test
    void typesOutsideTheAllowlistAreLineErrorsNamingTheAllowedOnes() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        Http.Response response = as("alice").ingest(String.join("\n",
                line("types", "u1", attachment("image/svg+xml", svg, "x.svg")),
                line("types", "u2", attachment("text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), null)),
                line("types", "u3", attachment("IMAGE/PNG", Images.png(), null))) + "\n");

        assertThat(response.json().get("accepted").asLong()).isZero();
        assertThat(response.json().get("errors")).extracting(e -> e.get("error").asText()).containsOnly(
                "attachments[0].media_type must be one of image/gif, image/jpeg, image/png, image/webp");
    }

    @Test
    void bytesThatAreNotTheDeclaredImageTypeAreRefused() {
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        Http.Response response = as("alice").ingest(String.join("\n",
                line("liar", "u1", attachment("image/png", html, "x.png")),
                line("liar", "u2", attachment("image/png", Images.png(), null), attachment("image/gif", Images.png(), null)),
                line("liar", "u3", attachment("image/webp", new byte[0], null))) + "\n");

        assertThat(response.json().get("accepted").asLong()).isZero();
        assertThat(response.json().get("errors")).extracting(e -> e.get("error").asText()).containsExactly(
                "attachments[0].data is not image/png: its bytes do not start as every image/png file does",
                "attachments[1].data is not image/gif: its bytes do not start as every image/gif file does",
                "attachments[0].data is not image/webp: its bytes do not start as every image/webp file does");
    }

    @Test
    void anAttachmentOverTheConfiguredLimitIsALineErrorWithTheReason() {
        byte[] atLimit = Arrays.copyOf(Images.png(), LIMIT);
        byte[] overLimit = Arrays.copyOf(Images.png(), LIMIT + 1);
        Http.Response response = as("alice").ingest(String.join("\n",
                line("sizes", "u1", attachment("image/png", atLimit, null)),
                line("sizes", "u2", attachment("image/png", overLimit, null))) + "\n");

        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(response.json().get("errors").get(0).get("error").asText())
                .isEqualTo("attachments[0] is " + (LIMIT + 1) + " bytes, more than ingest.max_attachment_bytes (" + LIMIT + ")");
    }

    @Test
    void dataThatIsNotBase64IsALineError() {
        String broken = Turns.line("b64", "u1", 0, "user", 1700000000, "x");
        broken = broken.substring(0, broken.length() - 1) + ",\"attachments\":[{\"media_type\":\"image/png\",\"data\":\"iVBOR w0K\"}]}";

        Http.Response response = as("alice").ingest(broken + "\n");

        assertThat(response.json().get("errors").get(0).get("error").asText())
                .isEqualTo("attachments[0].data must be base64 (standard alphabet, padded, no line breaks)");
    }

    @Test
    void anotherUsersAttachmentIsA404AndAnAdminNamingTheOwnerMayReadIt() {
        as("alice").ingest(line("private", "u1", attachment("image/png", Images.png(), null)) + "\n");
        String url = "/api/v1/sessions/claude-code/laptop/private/attachments/u1/0";

        assertThat(as("bob").getBytes(url).statusCode()).isEqualTo(404);
        assertThat(as("bob").getBytes(url + "?owner=alice").statusCode()).isEqualTo(403);
        assertThat(as("carol").getBytes(url).statusCode()).isEqualTo(404);
        assertThat(as("carol").getBytes(url + "?owner=alice").statusCode()).isEqualTo(200);
        assertThat(as("alice").getBytes(url.replace("/0", "/1")).statusCode()).isEqualTo(404);
        assertThat(as("alice").getBytes(url.replace("/0", "/x")).statusCode()).isEqualTo(404);
    }

    @Test
    void aTurnIdWithASlashGetsAUrlThatWorks() {
        String turnId = "msg/1 über";
        String base = Turns.line("slashes", turnId, 0, "user", 1700000000, "x");
        as("alice").ingest(base.substring(0, base.length() - 1) + ",\"attachments\":["
                + attachment("image/png", Images.png(), null) + "]}\n");

        String url = firstTurn(as("alice"), "slashes").get("attachments").get(0).get("url").asText();

        assertThat(url).startsWith("/api/v1/sessions/claude-code/laptop/slashes/attachments/~").doesNotContain(" ");
        assertThat(as("alice").getBytes(url).body()).isEqualTo(Images.png());
        assertThat(URLEncoder.encode(url, StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Test
    void aReSentTurnReplacesItsAttachments() {
        Http alice = as("alice");
        alice.ingest(line("resend", "u1", attachment("image/png", Images.png(), "a.png"), attachment("image/webp", Images.webp(), "b.webp")) + "\n");
        byte[] gif = Images.encoded("gif", 2, 2);

        alice.ingest(line("resend", "u1", attachment("image/gif", gif, "c.gif")) + "\n");

        JsonNode listed = firstTurn(alice, "resend").get("attachments");
        assertThat(listed).extracting(a -> a.get("name").asText()).containsExactly("c.gif");
        assertThat(alice.getBytes(listed.get(0).get("url").asText()).body()).isEqualTo(gif);
        assertThat(alice.getBytes("/api/v1/sessions/claude-code/laptop/resend/attachments/u1/1").statusCode()).isEqualTo(404);

        alice.ingest(Turns.line("resend", "u1", 0, "user", 1700000000, "look at this") + "\n");

        assertThat(firstTurn(alice, "resend").has("attachments")).isFalse();
    }

    @Test
    void aTurnSentTwiceInOneRequestKeepsTheAttachmentsOfItsLastCopy() {
        as("alice").ingest(String.join("\n",
                line("twice", "u1", attachment("image/png", Images.png(), "first.png")),
                line("twice", "u1", attachment("image/webp", Images.webp(), "second.webp"))) + "\n");

        assertThat(firstTurn(as("alice"), "twice").get("attachments"))
                .extracting(a -> a.get("name").asText()).containsExactly("second.webp");
    }
}
