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
import java.time.Duration;
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

    private final List<Integer> answers = new ArrayList<>();

    /**
     * The status each attacking connection has been answered with so far, or 0 for one still held open;
     * reads only the connections not answered yet, each for at most 200 ms.
     */
    private List<Integer> answersToTheAttack() throws IOException {
        for (int i = 0; i < attack.size(); i++) {
            if (answers.size() <= i) {
                answers.add(0);
            }
            if (answers.get(i) != 0) {
                continue;
            }
            Socket socket = attack.get(i);
            socket.setSoTimeout(200);
            try {
                String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                answers.set(i, statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]));
            } catch (SocketTimeoutException stillOpen) {
                answers.set(i, 0);
            }
        }
        return List.copyOf(answers);
    }

    /** Waits until the server has answered every attacking connection it will answer at once. */
    private List<Integer> settledAnswers(int stillHeldAtMost) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Integer> statuses = answersToTheAttack();
        // Each pass waits up to 200 ms on every connection still open, so this loop never spins.
        while (statuses.stream().filter(status -> status == 0).count() > stillHeldAtMost && System.nanoTime() < deadline) {
            statuses = answersToTheAttack();
        }
        return statuses;
    }

    @Test
    void aStrangersSlowUploadsAreRefusedAtOnceAndAnotherUserIsAnsweredMeanwhile() throws IOException {
        bobsSlowestRequestMillis();
        for (int i = 0; i < ATTACK_CONNECTIONS; i++) {
            openSlowUpload("");
        }

        assertThat(settledAnswers(0)).as("every stranger is refused without the body being read").containsOnly(401);
        assertThat(bobsSlowestRequestMillis()).as("bob's slowest /me after a stranger opened 200 uploads").isLessThan(1_000);
    }

    @Test
    void aSignedInUsersSlowUploadsHoldAtMostTheirShareAndAnotherUserIsAnsweredMeanwhile() throws IOException {
        bobsSlowestRequestMillis();
        for (int i = 0; i < ATTACK_CONNECTIONS; i++) {
            openSlowUpload("Remote-User: alice\r\n");
        }

        List<Integer> answers = settledAnswers(16);
        assertThat(bobsSlowestRequestMillis()).as("bob's slowest /me while alice holds what she can of 200 uploads")
                .isLessThan(1_000);

        assertThat(answers).as("past the per-user bound refused at once (429), the rest cut off as too slow (408)")
                .isSubsetOf(429, 408, 0);
    }
}
