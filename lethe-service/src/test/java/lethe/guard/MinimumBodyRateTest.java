package lethe.guard;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: a body trickling in slower than request_limits.min_body_bytes_per_second (512 by default) is cut
 * off with 408, judged for that request alone: a server that has already read megabytes for others is no
 * more lenient (Jetty's own handler counted every request's bytes as this one's).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MinimumBodyRateTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    @Test
    void aTricklingBodyIsCutOffEvenAfterTheServerHasReadMegabytesForOthers() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            lines.append(Turns.line("bulk", "t" + i, i, "user", 1700000000 + i, "x".repeat(1_000))).append('\n');
        }
        Http.Response bulk = Http.to(APP.getLocalPort()).as("bob").ingest(lines.toString());
        assertThat(bulk.status()).isEqualTo(200);

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", APP.getLocalPort()), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nRemote-User: alice\r\n"
                    + "Content-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // The attacker's pace: a byte every 1.2 s, for as long as the connection takes it; never idle
            // long enough for body_idle_timeout (10 s) to be what ends it.
            Thread trickle = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(MinimumBodyRate.GRACE.toMillis() + 200);
                        out.write('"');
                        out.flush();
                    }
                } catch (IOException | InterruptedException connectionEnded) {
                    // the server answered and closed, or the test is over
                }
            });
            trickle.start();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            trickle.interrupt();
            assertThat(statusLine).startsWith("HTTP/1.1 408");
        }
        assertThat(Http.to(APP.getLocalPort()).as("alice").get("/api/v1/sessions").json().get("sessions")).isEmpty();
    }
}
