package lethe.ratelimit;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.validation.BaseValidator;
import lethe.LetheConfiguration;
import lethe.config.JsonPropertyNames;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code rate_limits:} as an operator writes it. */
class RateLimitConfigTest {

    private static LetheConfiguration parse(String yaml) throws Exception {
        YamlConfigurationFactory<LetheConfiguration> factory = new YamlConfigurationFactory<>(
                LetheConfiguration.class,
                BaseValidator.newConfiguration().propertyNodeNameProvider(new JsonPropertyNames()).buildValidatorFactory().getValidator(),
                Jackson.newObjectMapper(), "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }

    @Test
    void withoutTheBlockLimitsAreOnWithGenerousDefaults() throws Exception {
        RateLimitConfig limits = parse("auth: {allowed_users: [alice]}\n").getRateLimits();
        assertThat(limits.isEnabled()).isTrue();
        assertThat(limits.getIngest().getRequestsPerSecond()).isEqualTo(200);
        assertThat(limits.getIngest().getBurst()).isEqualTo(400);
        assertThat(limits.getReads().getRequestsPerSecond()).isEqualTo(1000);
        assertThat(limits.getReads().getBurst()).isEqualTo(2000);
    }

    @Test
    void namingOneValueKeepsTheOtherDefaults() throws Exception {
        RateLimitConfig limits = parse("rate_limits:\n  ingest:\n    burst: 900\n").getRateLimits();
        assertThat(limits.getIngest().getBurst()).isEqualTo(900);
        assertThat(limits.getIngest().getRequestsPerSecond()).isEqualTo(200);
        assertThat(limits.getReads().getBurst()).isEqualTo(2000);
    }

    @Test
    void anImpossibleLimitFailsStartupNamingTheKey() {
        assertThatThrownBy(() -> parse("rate_limits:\n  ingest:\n    burst: 0\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("rate_limits.ingest.burst");
        assertThatThrownBy(() -> parse("rate_limits:\n  reads:\n    requests_per_second: 0\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("rate_limits.reads.requests_per_second");
    }
}
