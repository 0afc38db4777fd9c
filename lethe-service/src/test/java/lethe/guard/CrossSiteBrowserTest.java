package lethe.guard;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.HeadlessChromium;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Chromium visits an attacker's page on another origin while lethe runs in local mode (no
 * credentials at all): none of the page's attempts to write into lethe stores anything, while lethe's
 * own pages still read. The attacker is served from another loopback port, both as 127.0.0.1 (same
 * site, other origin: another dev server on the machine) and as localhost (another site).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CrossSiteBrowserTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start("local-config.yml");

    /** The name a DNS-rebinding attacker would have re-pointed at 127.0.0.1. */
    private static final String REBOUND_NAME = "rebound.test";

    private static WebDriver browser;
    private static AttackerSite attacker;

    @BeforeAll
    static void startBrowserAndAttacker() {
        attacker = AttackerSite.targeting(lethe());
        browser = HeadlessChromium.start("--host-resolver-rules=MAP " + REBOUND_NAME + " 127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (attacker != null) {
            attacker.close();
        }
    }

    private static String lethe() {
        return "http://127.0.0.1:" + APP.getLocalPort();
    }

    private static long refusals() {
        return APP.getEnvironment().metrics().counter(RequestGuards.CSRF_REFUSED).getCount();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({"/fetch-text-plain, 127.0.0.1", "/fetch-text-plain, localhost",
            "/fetch-untyped-blob, 127.0.0.1", "/fetch-untyped-blob, localhost"})
    void aCrossOriginFetchReachesLetheAndIsRefused(String page, String attackerHost) {
        long before = refusals();

        browser.get(attacker.url(attackerHost, page));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("sent"));

        assertThat(refusals()).as("lethe refused the request the page sent").isEqualTo(before + 1);
        assertThat(AttackerSite.anythingPlanted(Http.to(APP.getLocalPort()))).isFalse();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({"/fetch-ndjson, 127.0.0.1", "/fetch-ndjson, localhost"})
    void aFetchWithLethesOwnTypeNeverGetsPastThePreflight(String page, String attackerHost) {
        long before = refusals();

        browser.get(attacker.url(attackerHost, page));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("refused by the browser"));

        assertThat(refusals()).as("the POST itself was never sent").isEqualTo(before);
        assertThat(AttackerSite.anythingPlanted(Http.to(APP.getLocalPort()))).isFalse();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({"/form-text-plain, 127.0.0.1", "/form-text-plain, localhost",
            "/form-urlencoded, 127.0.0.1", "/form-urlencoded, localhost"})
    void anAutoSubmittedFormIsRefused(String page, String attackerHost) {
        browser.get(attacker.url(attackerHost, page));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlToBe(lethe() + "/api/v1/ingest"));

        // A browser asks for HTML, so the refusal is the problem as a page (lethe.problem.ProblemWriter).
        String shown = browser.findElement(By.tagName("body")).getText();
        assertThat(shown).contains("403").contains("cross-site request forgery");
        assertThat(AttackerSite.anythingPlanted(Http.to(APP.getLocalPort()))).isFalse();
    }

    @Test
    void lethesOwnOriginStillReads() {
        Http.Response stored = Http.to(APP.getLocalPort()).ingest(Turns.line("read-in-browser", "t1", 0, "user", 1700000000, "hello") + "\n");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);

        browser.get(lethe() + "/api/v1/sessions");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"session_id\":\"read-in-browser\"");

        browser.get(lethe() + "/api/v1/me");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"mode\":\"local\"");
    }

    @Test
    void aReboundHostNameIsMisdirected() {
        browser.get("http://" + REBOUND_NAME + ":" + APP.getLocalPort() + "/api/v1/sessions");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Misdirected request");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("rebound.test");

        browser.get("http://" + REBOUND_NAME + ":" + APP.getLocalPort() + "/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Misdirected request");
    }
}
