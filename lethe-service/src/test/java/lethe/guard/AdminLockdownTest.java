package lethe.guard;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, finding 9: nothing on the admin port shows request URLs or can make secrets reach the log. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminLockdownTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private Http admin() {
        return Http.to(APP.getAdminPort());
    }

    @Test
    void theThreadDumpThatShowsInFlightUrlsIsSwitchedOff() {
        Http.Response threads = admin().get("/threads");

        assertThat(threads.status()).isEqualTo(404);
        assertThat(threads.body()).doesNotContain("dw-").doesNotContain("/api/v1/");
    }

    @Test
    void theLogLevelTaskCannotTurnJettyToTrace() {
        Http.Response task = admin().post("/tasks/log-level?logger=org.eclipse.jetty&level=TRACE", null, new byte[0]);

        assertThat(task.status()).isEqualTo(404);
        assertThat(org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty").isTraceEnabled()).isFalse();
    }

    @Test
    void theOtherAdminEndpointsStillAnswer() {
        assertThat(admin().get("/healthz").status()).isEqualTo(200);
        assertThat(admin().get("/metrics").status()).isEqualTo(200);
    }
}
