package lethe;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import lethe.auth.AuthConfig;
import lethe.db.DatabaseDefaults;
import lethe.ingest.IngestConfig;
import lethe.ui.UiConfig;

import java.util.ArrayList;
import java.util.List;

/** The whole of {@code config.yml}. Key names are part of the contract: operators' files must keep working. */
public class LetheConfiguration extends Configuration {

    public LetheConfiguration() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(loopbackConnector(8080)));
        server.setAdminConnectors(List.of(loopbackConnector(8081)));
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

    @NotNull
    @JsonProperty("server_names")
    private List<@NotNull String> serverNames = new ArrayList<>();

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
    @JsonProperty("ui")
    private UiConfig ui = new UiConfig();

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

    public UiConfig getUi() {
        return ui;
    }
}
