package lethe.redact;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text written to make a backtracking engine explode (every keyword, long runs that almost match and
 * never end) costs RE2/J time in proportion to its length: eight times the text takes about eight times
 * as long, nowhere near the 64 times of a quadratic rule. Timings are printed, and only a generous bound
 * is asserted: the machine may be busy.
 */
class HostileInputTest {

    private static String hostile(int size) {
        StringBuilder text = new StringBuilder(size + 100);
        List<String> openings = List.of("api_key = \"", "-----BEGIN RSA PRIVATE KEY-----\n", "eyJhbGciOiJIUzI1NiJ9.eyJ",
                "curl -u ", "postgres://user:", "token: ", "xoxb-1234567890-", "AKIA", "secret=");
        int opening = 0;
        while (text.length() < size) {
            text.append(openings.get(opening++ % openings.size()));
            text.append("a1B2c3D4e5".repeat(Math.min(2_000, (size - text.length()) / 10 + 1)));
        }
        return text.substring(0, size);
    }

    private static long millisToRedact(String text) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            RedactorTest.REDACTOR.redact(text, new RedactionTally());
            best = Math.min(best, System.nanoTime() - start);
        }
        return Duration.ofNanos(best).toMillis();
    }

    @Test
    void eightTimesTheHostileTextTakesFarLessThanSixtyFourTimesAsLong() {
        millisToRedact(hostile(20_000));
        long small = millisToRedact(hostile(50_000));
        long large = millisToRedact(hostile(400_000));

        System.out.printf("hostile input: 50 000 chars in %d ms, 400 000 chars in %d ms (x%.1f)%n",
                small, large, large / (double) Math.max(1, small));
        assertThat(large).isLessThan(60_000);
        assertThat(large).isLessThan(32 * Math.max(small, 1) + 2_000);
    }
}
