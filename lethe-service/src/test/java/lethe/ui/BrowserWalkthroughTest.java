package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Browser;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's way through the pages in a real headless Chromium, against the real application on a real
 * database: list, filter, page, transcript, turn anchor, folded output, stats, search; light, dark and narrow.
 * Screenshots land in {@code target/screenshots/}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserWalkthroughTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));

    static Browser browser;
    static WebDriver driver;

    @BeforeAll
    static void seedAndOpenBrowser() {
        UiFixtures.seed(APP.getLocalPort());
        browser = Browser.start().as("alice");
        driver = browser.driver();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    /** Clicks a link or button that loads another address, and waits until that page has loaded. */
    private static void follow(WebElement element) {
        String before = driver.getCurrentUrl();
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> !before.equals(d.getCurrentUrl()));
        wait.until(d -> "complete".equals(browser.driver().executeScript("return document.readyState")));
    }

    private static void submitFilters() {
        follow(driver.findElement(By.cssSelector("form.filters button[type=submit]")));
    }

    private static List<WebElement> rows() {
        return driver.findElements(By.cssSelector("table.session-list tbody tr"));
    }

    @Test
    @Order(1)
    void theSessionListShowsTheNewestSessionFirstWithItsFacts() {
        browser.open(url("/"));
        browser.screenshot("01-sessions");

        assertThat(driver.getTitle()).isEqualTo("Sessions · lethe");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sessions");
        assertThat(rows()).hasSize(50);
        WebElement first = rows().get(0);
        assertThat(first.findElement(By.cssSelector(".cell-title a")).getText()).startsWith(UiFixtures.TODO_TITLE_START);
        assertThat(first.getText()).contains("claude-code", "laptop", "today");
        WebElement started = first.findElement(By.cssSelector("td[data-label=Started] time"));
        assertThat(started.getAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC\\+00:00");
        assertThat(rows().get(1).getText()).contains(UiFixtures.INIT_TITLE, "yesterday");
        assertThat(driver.findElement(By.cssSelector(".viewer")).getText()).contains("alice");
    }

    @Test
    @Order(2)
    void aFilterIsAPlainFormWhoseAddressCanBeBookmarked() {
        browser.open(url("/"));
        new Select(driver.findElement(By.id("f-tool"))).selectByVisibleText("claude-code");
        submitFilters();
        browser.screenshot("02-sessions-filtered");

        assertThat(driver.getCurrentUrl()).contains("tool=claude-code");
        assertThat(rows()).hasSize(3);
        assertThat(rows()).allSatisfy(row -> assertThat(row.findElement(By.cssSelector("td[data-label=Tool]")).getText())
                .isEqualTo("claude-code"));
        assertThat(new Select(driver.findElement(By.id("f-tool"))).getFirstSelectedOption().getText()).isEqualTo("claude-code");

        new Select(driver.findElement(By.id("f-host"))).selectByVisibleText("workstation");
        submitFilters();
        assertThat(rows()).hasSize(1);
        follow(driver.findElement(By.linkText("Clear filters")));
        assertThat(rows()).hasSize(50);
    }

    @Test
    @Order(3)
    void olderSessionsAreOnTheNextPage() {
        browser.open(url("/"));
        follow(driver.findElement(By.linkText("Older →")));
        browser.screenshot("03-sessions-page-2");

        assertThat(driver.getCurrentUrl()).endsWith("/?page=2");
        int total = 3 + UiFixtures.FILLER_SESSIONS;
        assertThat(rows()).hasSize(total - 50);
        assertThat(driver.findElement(By.cssSelector(".pager-where")).getText()).isEqualTo("Page 2");
        assertThat(driver.findElements(By.linkText("Older →"))).isEmpty();
        follow(driver.findElement(By.linkText("← Newer")));
        assertThat(rows()).hasSize(50);
    }

    @Test
    @Order(4)
    void aTranscriptShowsEveryTurnWithItsRoleAndTheSessionMeta() {
        browser.open(url("/"));
        follow(rows().get(0).findElement(By.cssSelector(".cell-title a")));
        browser.screenshot("04-transcript");

        assertThat(driver.getCurrentUrl()).endsWith("/sessions/claude-code/laptop/" + UiFixtures.todoSessionId());
        assertThat(driver.findElement(By.cssSelector("h1.session-title")).getText()).startsWith(UiFixtures.TODO_TITLE_START);
        List<WebElement> turns = driver.findElements(By.cssSelector("article.turn"));
        assertThat(turns).as("437 turns, outputs shown under their calls").hasSize(270);
        assertThat(turns.get(0).getAttribute("id")).isEqualTo("turn-1");
        assertThat(turns.get(0).findElement(By.cssSelector(".turn-role")).getText()).isEqualTo("USER");
        assertThat(driver.findElements(By.cssSelector("article.turn-assistant"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("article.turn-assistant .shell .out"))).isNotEmpty();

        WebElement side = driver.findElement(By.cssSelector("aside.session-side"));
        assertThat(side.getText()).contains("Source file", "fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl",
                "Working directory", "/path/to/Demo", "claude-sonnet-4-20250514", "Cache read");
    }

    @Test
    @Order(5)
    void aPromptLinkJumpsToItsTurn() {
        browser.open(url("/sessions/claude-code/laptop/" + UiFixtures.todoSessionId()));
        List<WebElement> prompts = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".prompt-list a"), 3));
        WebElement prompt = prompts.get(3);
        String anchor = prompt.getAttribute("href").substring(prompt.getAttribute("href").indexOf('#'));
        prompt.click();
        browser.screenshot("05-transcript-anchor");

        assertThat(driver.getCurrentUrl()).endsWith(anchor);
        assertThat(anchor).matches("#turn-\\d+");
        WebElement target = driver.findElement(By.cssSelector(anchor));
        Number top = (Number) browser.driver().executeScript("return arguments[0].getBoundingClientRect().top;", target);
        assertThat(top.doubleValue()).as("the turn is scrolled to the top of the window").isBetween(-2.0, 40.0);
        assertThat(target.getText()).contains("USER");
    }

    @Test
    @Order(6)
    void longToolOutputIsFoldedAndOpensInFull() {
        browser.open(url("/sessions/claude-code/laptop/" + UiFixtures.todoSessionId()));
        WebElement fold = driver.findElements(By.cssSelector("article.turn .out details.fold")).get(0);
        WebElement output = fold.findElement(By.cssSelector("pre.output"));
        assertThat(output.isDisplayed()).isFalse();
        WebElement summary = fold.findElement(By.tagName("summary"));
        // Brought to the middle of the window first: at its edge the next turn can take the click.
        new Actions(driver).scrollToElement(summary).scrollByAmount(0, 200).perform();
        summary.click();
        assertThat(output.isDisplayed()).isTrue();
        assertThat(output.getText()).isNotBlank();
        browser.screenshot("06-transcript-unfolded");
    }

    @Test
    @Order(7)
    void statsDrawChartsWithTheirNumbers() {
        browser.open(url("/"));
        follow(driver.findElement(By.linkText("Stats")));
        browser.screenshot("07-stats");

        assertThat(driver.getTitle()).isEqualTo("Activity · lethe");
        List<WebElement> charts = driver.findElements(By.cssSelector("figure.chart svg"));
        assertThat(charts).hasSize(6);
        assertThat(driver.findElements(By.cssSelector("#chart-cost svg, #chart-cost-month svg, #chart-tokens svg"))).hasSize(3);
        assertThat(driver.findElement(By.cssSelector("#chart-sessions svg title")).getAttribute("textContent"))
                .isEqualTo("Sessions per day by tool");
        assertThat(driver.findElement(By.cssSelector("#chart-turns .legend")).getText()).contains("claude-code", "opencode");
        assertThat(driver.findElement(By.cssSelector(".headline")).getText()).contains(3 + UiFixtures.FILLER_SESSIONS + "");

        new Select(driver.findElement(By.id("s-split"))).selectByValue("host");
        submitFilters();
        assertThat(driver.getCurrentUrl()).contains("split=host");
        assertThat(driver.findElement(By.cssSelector("#chart-turns .legend")).getText()).contains("laptop", "workstation", "ci-runner");
        driver.findElement(By.cssSelector("#chart-turns details.chart-data summary")).click();
        assertThat(driver.findElement(By.cssSelector("#chart-turns table")).isDisplayed()).isTrue();
        browser.screenshot("08-stats-by-host");
    }

    @Test
    @Order(8)
    void darkAndNarrowScreensGetTheirOwnLook() {
        browser.colorScheme("dark");
        browser.open(url("/sessions/claude-code/laptop/" + UiFixtures.todoSessionId()));
        browser.screenshot("09-transcript-dark");
        String background = driver.findElement(By.tagName("body")).getCssValue("background-color");
        assertThat(background).isEqualTo("rgba(17, 20, 24, 1)");
        browser.open(url("/stats"));
        browser.screenshot("10-stats-dark");

        browser.colorScheme("light").size(390, 844);
        browser.open(url("/"));
        browser.screenshot("11-sessions-phone");
        assertThat(driver.findElement(By.cssSelector("table.session-list thead")).getSize().getHeight()).isLessThanOrEqualTo(1);
        browser.size(1360, 1000);
    }

    @Test
    @Order(9)
    void withoutSignInThePageExplainsTheProxy() {
        browser.anonymous();
        browser.open(url("/"));
        browser.screenshot("12-error-401");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Authentication required");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("reverse proxy");
        browser.as("alice");
    }

    @Test
    @Order(10)
    void anotherUserSeesNoneOfTheFirstUsersSessionsOrActivity() {
        browser.as("bob");
        browser.open(url("/"));
        browser.screenshot("13-isolation-bob-sessions");
        assertThat(rows()).hasSize(1);
        assertThat(rows().get(0).getText()).contains(UiFixtures.BOB_SECRET);
        String list = driver.findElement(By.tagName("main")).getText();
        assertThat(list).doesNotContain(UiFixtures.INIT_TITLE, "orchestrator", "workstation", "ci-runner", "opencode");

        follow(driver.findElement(By.linkText("Stats")));
        assertThat(driver.findElements(By.cssSelector(".headline strong")).get(0).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("laptop", "workstation", "opencode");

        follow(driver.findElement(By.linkText("Sessions")));
        follow(rows().get(0).findElement(By.cssSelector(".cell-title a")));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(UiFixtures.BOB_SECRET);
        browser.as("alice");
    }

    @Test
    @Order(11)
    void aGuessedTranscriptAddressIsANotFoundPage() {
        browser.as("bob");
        browser.open(url("/sessions/claude-code/laptop/" + UiFixtures.todoSessionId()));
        browser.screenshot("14-isolation-guessed-url");
        assertThat(driver.getTitle()).isEqualTo("404 Not found · lethe");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("orchestrator", "TODO");
        browser.as("alice");
    }

    @Test
    @Order(12)
    void aWordTypedInTheHeaderFindsItsTurnsAndAResultOpensAtThatTurn() {
        browser.as("alice");
        browser.open(url("/"));
        WebElement box = driver.findElement(By.cssSelector("header form.site-search input[name=q]"));
        box.sendKeys("priority");
        follow(driver.findElement(By.cssSelector("header form.site-search button[type=submit]")));
        browser.screenshot("15-search-results");

        assertThat(driver.getCurrentUrl()).endsWith("/search?q=priority");
        assertThat(driver.getTitle()).isEqualTo("Search: priority · lethe");
        List<WebElement> results = driver.findElements(By.cssSelector("ol.results li.result"));
        assertThat(results).isNotEmpty();
        assertThat(results).allSatisfy(result -> assertThat(result.findElements(By.cssSelector(".snippet mark")))
                .extracting(mark -> mark.getText().toLowerCase()).contains("priority"));

        WebElement link = results.get(0).findElement(By.cssSelector("a.hit-link"));
        String href = link.getAttribute("href");
        assertThat(href).contains("/sessions/claude-code/laptop/" + UiFixtures.todoSessionId() + "?hl=priority&turn=").endsWith("#hit");
        String anchor = href.substring(href.indexOf('#'));
        follow(link);
        browser.screenshot("16-search-result-turn");

        assertThat(driver.getCurrentUrl()).endsWith(anchor);
        WebElement target = driver.findElement(By.xpath("//span[@id='hit']/ancestor::article"));
        Number top = (Number) browser.driver().executeScript("return arguments[0].getBoundingClientRect().top;", target);
        assertThat(top.doubleValue()).as("the matching turn is scrolled to the top of the window").isBetween(-2.0, 40.0);
        assertThat(target.findElements(By.cssSelector("mark"))).as("the words are marked where they are visible")
                .isNotEmpty().allSatisfy(mark -> {
                    assertThat(mark.isDisplayed()).isTrue();
                    assertThat(mark.getText().toLowerCase()).startsWith("priority");
                });
    }
}
