package lethe.guard;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 1: one attacker opening a few hundred connections that send headers and then a body
 * one byte at a time never leaves another user without an answer. The server gets 64 worker threads, so
 * 200 held requests would starve it if each held a thread; another user's requests are timed meanwhile.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NoisyNeighbourTest {

    private static final int ATTACK_CONNECTIONS = 200;

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("server.maxThreads", "64"),
            ConfigOverride.config("server.minThreads", "64"));

    private final List<Socket> attack = new ArrayList<>();

    @AfterEach
    void endTheAttack() throws IOException {
        for (Socket socket : attack) {
            socket.close();
        }
    }

    /** Opens a connection announcing a 1 MB ingest body and sends its first byte. */
    private void openSlowUpload(String userHeader) throws IOException {
        Socket socket = new Socket();
        attack.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", APP.getLocalPort()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\n" + userHeader
                + "Content-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The slowest of five of bob's requests, in milliseconds; each must succeed. */
    private long bobsSlowestRequestMillis() {
        long slowest = 0;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Http.Response me = Http.to(APP.getLocalPort()).as("bob").get("/api/v1/me");
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            assertThat(me.status()).isEqualTo(200);
        }
        return slowest;
    }

    /** The status each attacking connection got within a few seconds, or 0 for one still held open. */
    private List<Integer> answersToTheAttack() throws IOException {
        List<Integer> statuses = new ArrayList<>();
        for (Socket socket : attack) {
            socket.setSoTimeout(3_000);
            try {
                String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                statuses.add(statusLine == null ? 0 : Integer.parseInt(statusLine.split(" ")[1]));
            } catch (SocketTimeoutException stillOpen) {
                statuses.add(0);
            }
        }
        return statuses;
    }

    @Test
    void aStrangersSlowUploadsAreRefusedAtOnceAndAnotherUserIsAnsweredMeanwhile() throws IOException {
        bobsSlowestRequestMillis();
        for (int i = 0; i < ATTACK_CONNECTIONS; i++) {
            openSlowUpload("");
        }

        assertThat(bobsSlowestRequestMillis()).as("bob's slowest /me while a stranger holds 200 uploads").isLessThan(1_000);
        assertThat(answersToTheAttack()).as("every stranger is refused without the body being read").containsOnly(401);
    }

    @Test
    void aSignedInUsersSlowUploadsHoldAtMostTheirShareAndAnotherUserIsAnsweredMeanwhile() throws IOException {
        bobsSlowestRequestMillis();
        for (int i = 0; i < ATTACK_CONNECTIONS; i++) {
            openSlowUpload("Remote-User: alice\r\n");
        }

        assertThat(bobsSlowestRequestMillis()).as("bob's slowest /me while alice holds 200 uploads").isLessThan(1_000);

        List<Integer> answers = answersToTheAttack();
        assertThat(answers).as("past the per-user bound refused at once (429), the rest cut off as too slow (408)")
                .isSubsetOf(429, 408, 0);
        assertThat(answers.stream().filter(status -> status == 0).count()).as("still held: " + answers).isLessThanOrEqualTo(16);
    }
}
