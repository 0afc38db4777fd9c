package lethe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;
import lethe.LetheConfiguration;
import lethe.logging.LogFormats;

import java.io.IOException;

/**
 * Makes {@code java -jar lethe.jar server} without a config file run in local single-user mode, so a
 * newcomer's first command opens in a browser. The user is {@code $LETHE_LOCAL_USER}, else the OS user.
 */
public class LetheConfigurationFactoryFactory extends DefaultConfigurationFactoryFactory<LetheConfiguration> {

    public static final String LOCAL_USER_ENV = "LETHE_LOCAL_USER";

    @Override
    public ConfigurationFactory<LetheConfiguration> create(Class<LetheConfiguration> klass, Validator validator,
                                                           ObjectMapper objectMapper, String propertyPrefix) {
        return new YamlConfigurationFactory<>(klass, validator, configureObjectMapper(objectMapper.copy()), propertyPrefix) {
            @Override
            public LetheConfiguration build() throws IOException, ConfigurationException {
                LetheConfiguration config = super.build();
                config.getAuth().setLocalUser(localUserName(System.getenv(LOCAL_USER_ENV), System.getProperty("user.name")));
                return config;
            }

            @Override
            protected LetheConfiguration build(JsonNode node, String path) throws IOException, ConfigurationException {
                defaultShutdownGracePeriod(node);
                LetheConfiguration config = super.build(node, path);
                LogFormats.applyDefaults(config);
                return config;
            }
        };
    }

    /**
     * A {@code server:} block replaces the whole default server factory, whose grace period is
     * Dropwizard's 30 s; lethe's is shorter unless the file names one.
     */
    static void defaultShutdownGracePeriod(JsonNode root) {
        if (root.get("server") instanceof ObjectNode server && !server.has("shutdownGracePeriod")) {
            server.put("shutdownGracePeriod", LetheConfiguration.DEFAULT_SHUTDOWN_GRACE_PERIOD.toString());
        }
    }

    /** The configured name, else the OS user's, reduced to the characters a user name may have. */
    static String localUserName(String fromEnvironment, String osUser) {
        String name = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : osUser;
        String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._@:-]", "_");
        return safe.isEmpty() ? "local" : safe.substring(0, Math.min(256, safe.length()));
    }
}
