package lethe.health;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class ProbesTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    @Test
    void livenessIsAConstantOk() {
        Http.Response response = Http.to(APP.getAdminPort()).get("/healthz");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readinessRunsEveryHealthCheckIncludingTheDatabasePing() {
        Http.Response response = Http.to(APP.getAdminPort()).get("/readyz");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().get("checks").get(TestBackend.current().healthCheckName()).get("healthy").asBoolean()).isTrue();
        assertThat(response.json().get("checks").get("deadlocks").get("healthy").asBoolean()).isTrue();
        assertThat(response.json().has("failing")).isFalse();
    }

    @Test
    void aFailingCheckMakesLetheUnreadyAndIsNamed() {
        APP.getEnvironment().healthChecks().register("disk-space", new HealthCheck() {
            @Override
            protected Result check() {
                return Result.unhealthy("1 MiB left");
            }
        });
        try {
            Http.Response response = Http.to(APP.getAdminPort()).get("/readyz");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("failing").get(0).asText()).isEqualTo("disk-space");
            assertThat(response.json().get("checks").get("disk-space").get("message").asText()).isEqualTo("1 MiB left");
            assertThat(response.json().get("checks").get(TestBackend.current().healthCheckName()).get("healthy").asBoolean()).isTrue();
            assertThat(Http.to(APP.getAdminPort()).get("/healthz").status()).isEqualTo(200);
        } finally {
            APP.getEnvironment().healthChecks().unregister("disk-space");
        }
    }

    @Test
    void dropwizardsOwnAdminPagesStay() {
        Http admin = Http.to(APP.getAdminPort());
        assertThat(admin.get("/ping").body().trim()).isEqualTo("pong");
        assertThat(admin.get("/healthcheck").json().get(TestBackend.current().healthCheckName()).get("healthy").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/healthz", "/readyz", "/metrics", "/healthcheck", "/ping"})
    void noneOfThemIsOnTheApplicationPort(String path) {
        assertThat(Http.to(APP.getLocalPort()).get(path).status()).isEqualTo(404);
        assertThat(Http.to(APP.getLocalPort()).as("alice").get(path).status()).isEqualTo(404);
    }
}
