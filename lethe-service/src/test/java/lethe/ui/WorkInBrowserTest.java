package lethe.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Browser;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a person sees of the work in a real browser: a diff's removed and added lines in different colours,
 * a command with its output right under it, a failure that looks like one, a to-do list as a list; and
 * hostile transcript text in every renderer shown as text, with nothing run.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkInBrowserTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));
    static final double START = 1_767_268_800;
    static final String SESSION = "work";
    static final String HOSTILE = "hostile-work";

    static Browser browser;
    static WebDriver driver;
    static int seq;

    @BeforeAll
    static void storeSessionsAndOpenBrowser() {
        StringBuilder work = new StringBuilder();
        work.append(text(SESSION, "user", "Make greet take a name")).append('\n');
        work.append(oldCall(SESSION, "Edit", "{\"file_path\": \"src/app.py\", \"old_string\": \"def greet():\\n    return 'hi'\","
                + " \"new_string\": \"def greet(name):\\n    return 'hi ' + name\"}")).append('\n');
        work.append(oldResult(SESSION, "Edit", "The file src/app.py has been updated.", false)).append('\n');
        work.append(oldCall(SESSION, "Bash", "{\"command\": \"pytest -q\", \"description\": \"Run the tests\"}")).append('\n');
        work.append(oldResult(SESSION, "Bash", "3 passed in 0.12s", false)).append('\n');
        work.append(oldCall(SESSION, "Bash", "{\"command\": \"cat missing.txt\"}")).append('\n');
        work.append(oldResult(SESSION, "Bash", "cat: missing.txt: No such file or directory", true)).append('\n');
        work.append(oldCall(SESSION, "TodoWrite", "{\"todos\": [{\"content\": \"Change greet\", \"status\": \"completed\"},"
                + " {\"content\": \"Run tests\", \"status\": \"in_progress\"}, {\"content\": \"Commit\", \"status\": \"pending\"}]}")).append('\n');

        StringBuilder hostile = new StringBuilder();
        hostile.append(oldCall(HOSTILE, "Edit", "{\"file_path\": \"javascript:alert('path')\", \"old_string\": \"<p>old</p>\","
                + " \"new_string\": \"<script>alert('diff')</script><img src=x onerror=alert('diff-img')>\"}")).append('\n');
        hostile.append(oldCall(HOSTILE, "Bash", "{\"command\": \"echo '<script>alert(\\\"cmd\\\")</script>' </pre><b>x</b>\"}")).append('\n');
        hostile.append(oldResult(HOSTILE, "Bash", "</pre><script>alert('out')</script><img src=x onerror=alert('out-img')>", true)).append('\n');
        hostile.append(oldCall(HOSTILE, "Write", "{\"file_path\": \"javascript:alert('write')//x.html\", \"content\": \"<script>alert('write')</script>\"}")).append('\n');
        hostile.append(oldCall(HOSTILE, "TodoWrite", "{\"todos\": [{\"content\": \"<img src=x onerror=alert('todo')>\", \"status\": \"\\\"><script>\"}]}")).append('\n');
        hostile.append(text(HOSTILE, "user", "<command-name>/x\"><script>alert('slash')</script></command-name><command-args><b>args</b></command-args>")).append('\n');

        Http alice = Http.to(APP.getLocalPort()).as("alice");
        for (String ndjson : List.of(work.toString(), hostile.toString())) {
            Http.Response stored = alice.ingest(ndjson);
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(stored.json().get("errors")).as(stored.body()).isEmpty();
        }
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

    private static ObjectNode turn(String session, String role, String kind, String content) {
        long at = seq++;
        ObjectNode turn = Http.JSON.createObjectNode().put("tool", "claude-code").put("host", "laptop")
                .put("session_id", session).put("turn_id", session + "-" + at).put("seq", at).put("role", role)
                .put("timestamp", START + at).put("content", content);
        if (kind != null) {
            turn.put("kind", kind);
        }
        return turn;
    }

    private static String text(String session, String role, String content) {
        return turn(session, role, "text", content).toString();
    }

    /** A call as the importer wrote it before turn model v2: the tool's name, then its input as fenced JSON. */
    private static String oldCall(String session, String tool, String json) {
        return turn(session, "assistant", "tool_use", tool + "\n```json\n" + json + "\n```").put("tool_name", tool).toString();
    }

    private static String oldResult(String session, String tool, String output, boolean error) {
        return turn(session, "tool", "tool_result", (error ? "Error:\n" : "") + "```\n" + output + "\n```")
                .put("tool_name", tool).toString();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    @Test
    void removedAndAddedLinesOfADiffHaveDifferentColours() {
        browser.open(url("/sessions/claude-code/laptop/" + SESSION));
        browser.screenshot("30-work-diff");
        WebElement removed = driver.findElement(By.cssSelector("figure.diff del.d-del"));
        WebElement added = driver.findElement(By.cssSelector("figure.diff ins.d-add"));
        assertThat(removed.getText()).isEqualTo("-def greet():");
        assertThat(added.getText()).isEqualTo("+def greet(name):");
        assertThat(removed.getCssValue("color")).isNotEqualTo(added.getCssValue("color"));
        assertThat(removed.getCssValue("background-color")).isNotEqualTo(added.getCssValue("background-color"))
                .isNotEqualTo(driver.findElement(By.cssSelector("figure.diff .d-hunk")).getCssValue("background-color"));
        assertThat(driver.findElement(By.cssSelector("figure.diff code.path")).getText()).isEqualTo("src/app.py");
    }

    @Test
    void aCommandAndItsOutputSitTogether() {
        browser.open(url("/sessions/claude-code/laptop/" + SESSION));
        WebElement shell = driver.findElements(By.cssSelector(".shell")).get(0);
        WebElement command = shell.findElement(By.cssSelector("pre.command"));
        WebElement output = shell.findElement(By.cssSelector(".result pre.output"));
        assertThat(command.getText()).isEqualTo("$ pytest -q");
        assertThat(output.getText()).isEqualTo("3 passed in 0.12s");
        Rectangle top = command.getRect();
        Rectangle below = output.getRect();
        assertThat(below.getY() - (top.getY() + top.getHeight())).as("the output is right under its command").isBetween(-2, 40);
        assertThat(driver.findElements(By.cssSelector("article.turn-tool"))).as("no output is a turn of its own").isEmpty();
    }

    @Test
    void aFailedResultLooksLikeAnError() {
        browser.open(url("/sessions/claude-code/laptop/" + SESSION));
        WebElement failed = driver.findElement(By.cssSelector(".result.result-error"));
        WebElement fine = driver.findElement(By.cssSelector(".result:not(.result-error)"));
        browser.screenshot("31-work-error");
        assertThat(failed.findElement(By.cssSelector(".result-label")).getText()).isEqualToIgnoringCase("error");
        assertThat(failed.findElement(By.cssSelector("pre.output")).getCssValue("color"))
                .isNotEqualTo(fine.findElement(By.cssSelector("pre.output")).getCssValue("color"));
        assertThat(failed.getCssValue("border-left-style")).isEqualTo("solid");
        assertThat(fine.getCssValue("border-left-style")).isEqualTo("none");
    }

    @Test
    void aTodoListIsAListWithEachState() {
        browser.open(url("/sessions/claude-code/laptop/" + SESSION));
        WebElement list = driver.findElement(By.cssSelector("ul.todo"));
        List<WebElement> items = list.findElements(By.tagName("li"));
        assertThat(items).extracting(WebElement::getText)
                .containsExactly("☑ DONE Change greet", "◐ IN PROGRESS Run tests", "☐ TO DO Commit");
        assertThat(items.get(0).findElement(By.cssSelector(".todo-text")).getCssValue("text-decoration-line")).isEqualTo("line-through");
    }

    @Test
    void hostileTextInEveryRendererIsShownAsTextAndNothingRuns() {
        browser.open(url("/sessions/claude-code/laptop/" + HOSTILE));
        browser.screenshot("32-work-hostile");
        WebElement main = driver.findElement(By.tagName("main"));
        assertThat(main.findElements(By.cssSelector("script, img, b, [onerror]"))).isEmpty();
        assertThat(main.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("figure.diff code.path")).getText()).isEqualTo("javascript:alert('path')");
        assertThat(driver.findElement(By.cssSelector("figure.diff ins.d-add")).getText())
                .isEqualTo("+<script>alert('diff')</script><img src=x onerror=alert('diff-img')>");
        assertThat(driver.findElement(By.cssSelector(".shell pre.command")).getText())
                .isEqualTo("$ echo '<script>alert(\"cmd\")</script>' </pre><b>x</b>");
        assertThat(driver.findElement(By.cssSelector(".shell .result-error pre.output")).getText())
                .isEqualTo("</pre><script>alert('out')</script><img src=x onerror=alert('out-img')>");
        assertThat(driver.findElement(By.cssSelector("p.file code.path")).getText()).isEqualTo("javascript:alert('write')//x.html");
        assertThat(driver.findElement(By.cssSelector("ul.todo li .todo-text")).getText()).isEqualTo("<img src=x onerror=alert('todo')>");
        assertThat(driver.findElement(By.cssSelector(".slash code")).getText())
                .isEqualTo("/x\"><script>alert('slash')</script> <b>args</b>");
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        List<String> messages = new ArrayList<>();
        for (LogEntry entry : browser.consoleLog()) {
            messages.add(entry.getLevel() + " " + entry.getMessage());
        }
        assertThat(messages).as("browser console").isEmpty();
    }
}
