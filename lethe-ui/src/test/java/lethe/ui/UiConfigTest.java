package lethe.ui;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UiConfigTest {

    private static UiConfig parse(String yaml) throws Exception {
        YamlConfigurationFactory<UiConfig> factory = new YamlConfigurationFactory<>(UiConfig.class,
                Validation.buildDefaultValidatorFactory().getValidator(), Jackson.newObjectMapper(), "ui");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }

    @Test
    void aNamedZoneIsUsed() throws Exception {
        assertThat(parse("time_zone: Europe/Berlin").getTimeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void noZoneMeansTheServersOwn() throws Exception {
        assertThat(parse("time_zone: null").getTimeZone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void anUnknownZoneFailsNamingTheKey() {
        assertThatThrownBy(() -> parse("time_zone: Mars/Olympus"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("time_zone");
    }
}
