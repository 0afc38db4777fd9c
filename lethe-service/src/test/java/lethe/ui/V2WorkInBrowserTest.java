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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Turn model v2 in a real browser over the real app: a sub-agent spawn links to its run and the run back
 * to the turn that spawned it, and an image sent with a turn loads inline, while one whose declared type
 * lies loads nothing and runs nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class V2WorkInBrowserTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));
    static final double START = 1_767_268_800;

    static Browser browser;
    static WebDriver driver;

    @BeforeAll
    static void storeAndOpen() {
        String parent = String.join("\n",
                line("parent", "p1", 0, "user", "text", "Find the flaky test").toString(),
                line("parent", "p2", 1, "assistant", "tool_use", "Task: Find the flaky test")
                        .set("tool_call", Http.JSON.createObjectNode().put("id", "toolu_1").put("name", "Task")
                                .set("input", Http.JSON.createObjectNode().put("description", "Find the flaky test")
                                        .put("prompt", "Look in tests/").put("subagent_type", "Explore"))).toString(),
                line("parent", "p3", 2, "tool", "tool_result", "It is CartTest.")
                        .set("tool_result", Http.JSON.createObjectNode().put("call_id", "toolu_1").put("is_error", false)).toString(),
                withImage(line("parent", "p4", 3, "user", "text", "This is what I see"), "screen.png", png()).toString(),
                withImage(line("parent", "p5", 4, "user", "text", "And this"), "lie.png", lie()).toString());
        ObjectNode run = line("agent-1", "a1", 0, "user", "text", "Look in tests/");
        run.putObject("session_meta").put("parent_session_id", "parent").put("parent_turn_id", "p2").put("agent", "Explore");
        Http.Response stored = Http.to(APP.getLocalPort()).as("alice").ingest(parent + "\n" + run + "\n");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        browser = Browser.start().as("alice");
        driver = browser.driver();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private static ObjectNode line(String session, String turnId, long seq, String role, String kind, String content) {
        return Http.JSON.createObjectNode().put("tool", "claude-code").put("host", "laptop").put("session_id", session)
                .put("turn_id", turnId).put("seq", seq).put("role", role).put("kind", kind)
                .put("timestamp", START + seq).put("content", content);
    }

    /** A turn with one image; the server may refuse a lying one as a line error, which leaves the others. */
    private static ObjectNode withImage(ObjectNode turn, String name, byte[] bytes) {
        turn.putArray("attachments").addObject().put("media_type", "image/png").put("name", name)
                .put("data", Base64.getEncoder().encodeToString(bytes));
        return turn;
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] lie() {
        return "<html><script>alert('lie')</script></html>".getBytes(StandardCharsets.UTF_8);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    @Test
    void aSubAgentSpawnLinksToItsRunAndTheRunLinksBackToTheTurn() {
        browser.open(url("/sessions/claude-code/laptop/parent"));
        WebElement link = driver.findElement(By.cssSelector("#turn-2 .spawn-link a"));
        link.click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/sessions/claude-code/laptop/agent-1"));
        browser.screenshot("33-work-subagent-run");
        driver.findElement(By.cssSelector(".parent-link a")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("#hit"));
        WebElement spawn = driver.findElement(By.xpath("//span[@id='hit']/ancestor::article"));
        assertThat(spawn.getAttribute("id")).isEqualTo("turn-2");
        assertThat(spawn.getText()).contains("Find the flaky test");
    }

    @Test
    void anImageLoadsInlineAndALyingOneLoadsNothing() {
        browser.open(url("/sessions/claude-code/laptop/parent"));
        browser.screenshot("34-work-image");
        var images = driver.findElements(By.cssSelector("a.attachment img"));
        assertThat(images).isNotEmpty();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(browser.driver().executeScript(
                "return Array.from(arguments[0]).every(i => i.complete);", images)));
        Number width = (Number) browser.driver().executeScript("return arguments[0].naturalWidth;", images.get(0));
        assertThat(width.intValue()).as("the real image loaded").isEqualTo(40);
        for (WebElement lying : images.subList(1, images.size())) {
            Number lyingWidth = (Number) browser.driver().executeScript("return arguments[0].naturalWidth;", lying);
            assertThat(lyingWidth.intValue()).as("HTML declared as PNG is no image").isZero();
        }
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(images.get(0).findElement(By.xpath("..")).getAttribute("href")).isEqualTo(images.get(0).getAttribute("src"));
    }
}
