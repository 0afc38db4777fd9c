package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** In local single-user mode nobody signed in, and the pages say so. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LocalModePageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(
            ConfigOverride.config("auth.local_user", "solo"),
            ConfigOverride.config("auth.allowed_users", ""),
            ConfigOverride.config("auth.admin_users", ""),
            ConfigOverride.config("auth.admin_groups", ""),
            ConfigOverride.config("auth.forward_auth.enabled", "false"));

    @Test
    void theHeaderSaysLocalModeAndTheFirstRunHintNeedsNoToken() {
        Http.Response response = Http.to(APP.getLocalPort()).get("/");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Document page = Html.parse(response);
        assertThat(page.selectFirst(".viewer").text()).isEqualTo("local mode — signed in as solo");
        assertThat(page.selectFirst(".empty-state pre code").text()).contains("curl").doesNotContain("Authorization");
    }
}
