package lethe.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.util.Duration;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class ShutdownGracePeriodTest {

    /** test-config.yml has a server block that does not mention the grace period. */
    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    @Test
    void aServerBlockWithoutOneGetsLethesFifteenSeconds() {
        assertThat(((AbstractServerFactory) APP.getConfiguration().getServerFactory()).getShutdownGracePeriod())
                .isEqualTo(Duration.seconds(15));
    }

    @Test
    void theOperatorsValueWins() {
        ObjectNode root = Http.JSON.createObjectNode();
        root.putObject("server").put("shutdownGracePeriod", "3s");
        LetheConfigurationFactoryFactory.defaultShutdownGracePeriod(root);
        assertThat(root.get("server").get("shutdownGracePeriod").asText()).isEqualTo("3s");
    }

    @Test
    void noServerBlockAtAllKeepsTheBuiltInDefault() {
        ObjectNode root = Http.JSON.createObjectNode();
        LetheConfigurationFactoryFactory.defaultShutdownGracePeriod(root);
        assertThat(root.has("server")).isFalse();
        assertThat(((AbstractServerFactory) new LetheConfiguration().getServerFactory()).getShutdownGracePeriod())
                .isEqualTo(Duration.seconds(15));
    }
}
