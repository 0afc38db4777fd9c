package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Browser;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §14 on the stats page: dollars and tokens by day and month, the per-model table, "not priced",
 * the all-time and default ranges, and a range too long for days; the form parts in a real Chromium.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CostPageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));
    static Browser browser;
    static WebDriver driver;

    @BeforeAll
    static void seedAndOpenBrowser() {
        Http alice = Http.to(APP.getLocalPort()).as("alice");
        String body = String.join("\n",
                // $0.027: 1 000 × $3/M + 500 × $15/M + 30 000 × $0.30/M + 2 000 × $3.75/M
                turn("p1", "a", "2025-06-10T10:00:00Z", "/src/alpha", "claude-sonnet-4-5", 1_000, 500, 30_000, 2_000),
                // $0.0125: 2 000 × $5/M + 100 × $25/M
                turn("p2", "a", "2025-09-20T10:00:00Z", "/src/beta", "claude-opus-4-7", 2_000, 100, 0, 0),
                turn("p2", "b", "2025-09-20T10:05:00Z", "/src/beta", "our-llama", 5_000, 10, 0, 0)) + "\n";
        assertThat(alice.ingest(body).json().get("errors")).isEmpty();
        browser = Browser.start().as("alice");
        driver = browser.driver();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static String turn(String session, String id, String time, String cwd, String model,
                       long input, long output, long cacheRead, long cacheWrite) {
        return String.format(Locale.ROOT,
                "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"%s\",\"turn_id\":\"%s\",\"seq\":0,"
                        + "\"role\":\"assistant\",\"timestamp\":%d,\"content\":\"x\",\"model\":%s,\"session_meta\":{\"cwd\":\"%s\"},"
                        + "\"usage\":{\"input_tokens\":%d,\"output_tokens\":%d,\"cache_read_tokens\":%d,\"cache_write_tokens\":%d}}",
                session, id, Instant.parse(time).getEpochSecond(), Turns.quote(model), cwd, input, output, cacheRead, cacheWrite);
    }

    static Document page(String query) {
        Http.Response response = Http.to(APP.getLocalPort()).as("alice").get("/stats" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Html.parse(response);
    }

    static List<List<String>> table(Document page, String headingId) {
        return page.select("section:has(#" + headingId + ") tbody tr").stream()
                .map(row -> row.select("th, td").stream().map(Element::text).toList())
                .toList();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    private static void submit() {
        WebElement button = driver.findElement(By.cssSelector("form.filters button[type=submit]"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
    }

    @Test
    void theDefaultRangeHoldsTheDataAndAllTimeShowsEveryMonth() {
        browser.open(url("/stats"));

        assertThat(driver.findElement(By.id("s-to")).getAttribute("value")).as("the last day anything was used").isEqualTo("2025-09-20");
        assertThat(driver.findElement(By.id("s-from")).getAttribute("value")).isEqualTo("2025-08-22");
        assertThat(driver.findElement(By.id("chart-cost")).getText()).contains("claude-code");

        new Select(driver.findElement(By.id("s-range"))).selectByVisibleText("all time");
        new Select(driver.findElement(By.id("s-split"))).selectByVisibleText("model");
        submit();
        browser.screenshot("cost-all-time");

        assertThat(driver.findElement(By.cssSelector(".page-sub")).getText()).startsWith("All time: 2025-06-10 to 2025-09-20");
        List<String> months = driver.findElements(By.cssSelector("#chart-cost-month tbody th")).stream()
                .map(th -> th.getAttribute("textContent").strip()).toList();
        assertThat(months).containsExactly("2025-06", "2025-07", "2025-08", "2025-09");
        assertThat(driver.findElement(By.cssSelector("#chart-cost-month .legend")).getText())
                .contains("claude-sonnet-4-5", "claude-opus-4-7");
    }

    @Test
    void aRangeTooLongForDaysKeepsTheFormAndSaysWhy() {
        browser.open(url("/stats?from=2020-01-01&to=2026-03-01"));
        browser.screenshot("cost-long-range");

        assertThat(driver.findElement(By.cssSelector("p.notice")).getText())
                .contains("at most 366 days", "2\u202f252", "by month");
        assertThat(driver.findElement(By.id("s-from")).getAttribute("value")).isEqualTo("2020-01-01");
        assertThat(driver.findElement(By.id("s-to")).getAttribute("value")).isEqualTo("2026-03-01");
        assertThat(driver.findElements(By.id("chart-sessions"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#chart-cost-month tbody tr"))).hasSize(75);
    }

    @Test
    void thePerModelTableShowsEachModelsCostAndWhatIsNotPriced() {
        Document all = page("?range=all");

        assertThat(table(all, "models-h")).containsExactly(
                List.of("claude-sonnet-4-5", "1", "1\u202f000", "500", "2\u202f000", "30\u202f000", "$0.0270"),
                List.of("claude-opus-4-7", "1", "2\u202f000", "100", "0", "0", "$0.0125"),
                List.of("our-llama", "1", "5\u202f000", "10", "0", "0", "not priced (1 turn)"));
        assertThat(all.select(".headline-cost strong").text()).isEqualTo("$0.0395");
        assertThat(all.select(".headline").text()).contains("1 turn not priced");
        assertThat(all.selectFirst("p.not-priced").text()).contains("our-llama");
        assertThat(all.select(".token-kinds strong")).extracting(Element::text).containsExactly("8k", "610", "2k", "30k");
    }

    @Test
    void costAndTokensSplitByDayAndProject() {
        Document september = page("?from=2025-09-01&to=2025-09-30&split=project");

        Element cost = september.getElementById("chart-cost");
        assertThat(cost.select("thead th")).extracting(Element::text).containsExactly("Day", "/src/beta", "Total");
        assertThat(cost.select("tbody tr").stream().filter(r -> r.selectFirst("th").text().equals("2025-09-20"))
                .findFirst().orElseThrow().select("td").get(0).text()).isEqualTo("$0.0125");
        Element tokens = september.getElementById("chart-tokens");
        assertThat(tokens.select("thead th")).extracting(Element::text)
                .containsExactly("Day", "input", "output", "cache write", "cache read", "Total");
        assertThat(table(september, "breakdown-h")).containsExactly(
                List.of("/src/beta", "2", "7\u202f000", "110", "0", "0", "not priced (1 turn)"));
    }
}
