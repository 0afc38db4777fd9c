package lethe;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import lethe.auth.AuthConfig;
import lethe.db.DatabaseDefaults;
import lethe.ingest.IngestConfig;
import lethe.metrics.PrometheusConfig;
import lethe.ratelimit.RateLimitConfig;
import lethe.redact.RedactionConfig;
import lethe.ui.UiConfig;
import lethe.usage.PricingConfig;

import java.util.ArrayList;
import java.util.List;

/** The whole of {@code config.yml}. Key names are part of the contract: operators' files must keep working. */
public class LetheConfiguration extends Configuration {

    /** How long SIGTERM waits for in-flight requests (a large ingest) before closing the database. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.seconds(15);

    public LetheConfiguration() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(loopbackConnector(8080)));
        server.setAdminConnectors(List.of(loopbackConnector(8081)));
        server.setShutdownGracePeriod(DEFAULT_SHUTDOWN_GRACE_PERIOD);
        setServerFactory(server);
    }

    private static HttpConnectorFactory loopbackConnector(int port) {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost("127.0.0.1");
        connector.setPort(port);
        return connector;
    }

    @JsonProperty("allow_non_loopback_bind")
    private boolean allowNonLoopbackBind = false;

    /** Merged into the defaults, so that a config naming only {@code url} keeps the driver and pragmas. */
    @Valid
    @NotNull
    @JsonMerge
    @JsonProperty("database")
    private DataSourceFactory database = DatabaseDefaults.dataSourceFactory();

    /** Host names besides loopback that requests may be addressed to (the DNS-rebinding guard); no port. */
    @NotNull
    @JsonProperty("server_names")
    private List<@NotNull @Pattern(regexp = "^[A-Za-z0-9.-]{1,253}$|^\\[[0-9A-Fa-f:.]+]$",
            message = "(server_names) must be a host name or a bracketed IPv6 address, without scheme or port") String> serverNames =
            new ArrayList<>();

    @Valid
    @NotNull
    @JsonProperty("auth")
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    @JsonProperty("ingest")
    private IngestConfig ingest = new IngestConfig();

    @Valid
    @NotNull
    @JsonProperty("prometheus")
    private PrometheusConfig prometheus = new PrometheusConfig();

    @Valid
    @NotNull
    @JsonProperty("rate_limits")
    private RateLimitConfig rateLimits = new RateLimitConfig();

    @Valid
    @NotNull
    @JsonProperty("ui")
    private UiConfig ui = new UiConfig();

    @Valid
    @NotNull
    @JsonProperty("redaction")
    private RedactionConfig redaction = new RedactionConfig();

    @Valid
    @NotNull
    @JsonProperty("pricing")
    private PricingConfig pricing = new PricingConfig();

    public boolean isAllowNonLoopbackBind() {
        return allowNonLoopbackBind;
    }

    public DataSourceFactory getDatabase() {
        return database;
    }

    public List<String> getServerNames() {
        return serverNames;
    }

    public AuthConfig getAuth() {
        return auth;
    }

    public IngestConfig getIngest() {
        return ingest;
    }

    public PrometheusConfig getPrometheus() {
        return prometheus;
    }

    public RateLimitConfig getRateLimits() {
        return rateLimits;
    }

    public UiConfig getUi() {
        return ui;
    }

    public RedactionConfig getRedaction() {
        return redaction;
    }

    public PricingConfig getPricing() {
        return pricing;
    }
}
