package lethe.login;

import java.time.Duration;
import java.time.Instant;

/** The passage of time while polling: the real clock and {@code Thread.sleep}, or a test's own. */
interface Waiting {

    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    Waiting REAL = new Waiting() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };
}
