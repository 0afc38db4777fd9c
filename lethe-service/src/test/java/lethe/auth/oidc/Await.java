package lethe.auth.oidc;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/** Waits for something that happens in the background (lethe fetching keys), failing after a deadline. */
final class Await {

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        await(what).atMost(Duration.ofSeconds(20)).until(condition::getAsBoolean);
    }
}
