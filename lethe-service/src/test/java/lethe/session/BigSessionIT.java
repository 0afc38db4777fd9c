package lethe.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import lethe.testing.Http;
import lethe.testing.LetheProcess;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 3c, at the size the review used: one session of 200 turns of 1 MiB each (200 MiB of
 * text), stored by the shipped jar running at {@code -Xmx256m}, is read whole through the API, the NDJSON
 * and the Markdown export, and its page opens; the process never runs out of memory. The test reads the
 * responses as streams, so it holds no more of them than the server does.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BigSessionIT {

    private static final int TURNS = 200;
    private static final int TURN_CHARS = 1024 * 1024;
    private static final int TURNS_PER_REQUEST = 8;
    private static final String SESSION = "/api/v1/sessions/claude-code/laptop/huge";

    @TempDir
    Path dir;

    /** Turn i's text: its number, then letters in a pattern that differs per turn, 1 MiB in all. */
    private static String content(int turn) {
        StringBuilder text = new StringBuilder(TURN_CHARS).append("turn ").append(turn).append(' ');
        String word = "lorem" + (char) ('a' + turn % 26) + " ";
        while (text.length() < TURN_CHARS) {
            text.append(word);
        }
        text.setLength(TURN_CHARS);
        return text.toString();
    }

    @Test
    void aSessionOf200MiBIsReadWholeByTheApiTheExportsAndThePageAtXmx256m() throws Exception {
        try (LetheProcess lethe = LetheProcess.start(dir)) {
            Http alice = lethe.app().as("alice");
            for (int first = 0; first < TURNS; first += TURNS_PER_REQUEST) {
                StringBuilder body = new StringBuilder();
                for (int turn = first; turn < first + TURNS_PER_REQUEST; turn++) {
                    body.append(Turns.line("huge", "t" + turn, turn, turn % 2 == 0 ? "user" : "assistant",
                            1_767_268_800 + turn, content(turn))).append('\n');
                }
                Http.Response response = alice.ingest(body.toString());
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                assertThat(response.json().get("accepted").asInt()).isEqualTo(TURNS_PER_REQUEST);
            }

            long started = System.nanoTime();
            try (InputStream detail = stream(lethe, SESSION)) {
                assertThat(turnsInDetail(detail)).isEqualTo(TURNS);
            }
            long apiMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            started = System.nanoTime();
            try (BufferedReader export = new BufferedReader(new InputStreamReader(stream(lethe, SESSION + "/export.ndjson"),
                    StandardCharsets.UTF_8))) {
                int lines = 0;
                for (String line = export.readLine(); line != null; line = export.readLine()) {
                    assertThat(Http.JSON.readTree(line).get("content").asText()).isEqualTo(content(lines));
                    lines++;
                }
                assertThat(lines).isEqualTo(TURNS);
            }
            long exportMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            started = System.nanoTime();
            try (BufferedReader export = new BufferedReader(new InputStreamReader(stream(lethe, SESSION + "/export.md"),
                    StandardCharsets.UTF_8))) {
                int turns = 0;
                for (String line = export.readLine(); line != null; line = export.readLine()) {
                    if (line.startsWith("## ")) {
                        assertThat(line).startsWith(turns % 2 == 0 ? "## User · " : "## Assistant · ");
                    } else if (line.startsWith("turn ")) {
                        assertThat(line).isEqualTo(content(turns));
                        turns++;
                    }
                }
                assertThat(turns).isEqualTo(TURNS);
            }
            long markdownMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            Http.Response page = alice.get("/sessions/claude-code/laptop/huge");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("later turns");

            Http.Response bob = lethe.app().as("bob").get("/api/v1/me");
            assertThat(bob.status()).isEqualTo(200);
            assertThat(lethe.output()).doesNotContain("OutOfMemoryError");
            System.out.printf("200 MiB session at -Xmx256m: API read %d ms, NDJSON export %d ms, Markdown export %d ms%n",
                    apiMillis, exportMillis, markdownMillis);
        }
    }

    private static InputStream stream(LetheProcess lethe, String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + lethe.port() + path)).header("Remote-User", "alice")
                .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Reads the detail JSON token by token, checking every turn's text, and counts its turns. */
    private static int turnsInDetail(InputStream body) throws IOException {
        int turns = 0;
        try (JsonParser parser = Http.JSON.getFactory().createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!field.equals("turns")) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if (name.equals("content")) {
                            assertThat(parser.getText()).isEqualTo(content(turns));
                        } else {
                            parser.skipChildren();
                        }
                    }
                    turns++;
                }
            }
        }
        return turns;
    }
}
