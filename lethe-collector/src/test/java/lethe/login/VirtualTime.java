package lethe.login;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Time that passes only when the code under test sleeps, and remembers every sleep. */
final class VirtualTime implements Waiting {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    List<Long> sleptSeconds() {
        return sleeps.stream().map(Duration::toSeconds).toList();
    }
}
