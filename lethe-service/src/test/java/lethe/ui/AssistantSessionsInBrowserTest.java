package lethe.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.collector.CollectorMain;
import lethe.importer.ImportCommand;
import lethe.importer.ImporterFixtures;
import lethe.importer.SourceFixtures;
import lethe.login.LoginCommand;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real sessions of Codex, Gemini CLI and opencode (and Claude Code, for the screenshots), imported by
 * {@code import all} from the captured fixtures into the real app, read in a real browser as a person
 * reads them: an edit is a diff of its file, a command sits over its output with a failure marked, a plan
 * is a list, an image is an image, nothing shows as fenced or escaped JSON, nothing in the text runs, and
 * a response's tokens tell its cost on hover (or that its model is not priced). The stats page over the
 * same data shows its per-model and per-tool tables from one template fragment.
 *
 * <p>Each test also leaves a screenshot in {@code target/screenshots/4x-*.png}; docs/ui.md shows them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AssistantSessionsInBrowserTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start(ConfigOverride.config("ui.time_zone", "UTC"));
    static final String HOST = "laptop";

    /** Codex CLI 0.1xx (codemie-code fixture): apply_patch, exec_command, update_plan, gpt-5.5. */
    static final String CODEX_WORK = "019e1625-789d-76c0-80ab-3724b5ddb799";
    /** Codex CLI 0.40 (agentcmd fixture): a pasted screenshot, shell calls that fail, gpt-5-codex. */
    static final String CODEX_IMAGE = "01997ea4-a70d-7da3-8c20-c736db82a7c5";
    /** Gemini CLI (agentcmd fixture): a replace of one line in a file. */
    static final String GEMINI_EDIT = "453aa339-7d2b-4709-a41a-b0b73beaff85";
    /** Gemini CLI (agentcmd fixture): shell commands, one cancelled, one not found. */
    static final String GEMINI_SHELL = "981c87cb-90ef-4c7f-948d-23173ff43e4e";
    /** opencode (opencode-session-tui's opencode.db): an edit of src/parser.ts. */
    static final String OPENCODE_EDIT = "session_parser_fix";
    /** opencode (agent-sessions' storage files): a bash call that fails. */
    static final String OPENCODE_SHELL = "s_stage0_large";
    /** Claude Code (claude-code-viewer fixture): edits, a to-do list, sub-agents. */
    static final String CLAUDE_WORK = "5c0375b4-57a5-4f26-b12d-d022ee4e51b7";

    static Browser browser;
    static ChromeDriver driver;

    @BeforeAll
    static void importEveryAssistantAndOpenTheBrowser() throws IOException {
        Path home = Files.createTempDirectory("home");
        Files.createDirectories(home.resolve(".claude"));
        Files.move(ImporterFixtures.copyOfFixtures().resolve("projects"), home.resolve(".claude/projects"));
        Files.move(SourceFixtures.home("codex").resolve(".codex"), home.resolve(".codex"));
        Files.move(SourceFixtures.home("gemini").resolve(".gemini"), home.resolve(".gemini"));
        Files.createDirectories(home.resolve(".local/share"));
        Files.move(SourceFixtures.home("opencode").resolve(".local/share/opencode"), home.resolve(".local/share/opencode"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int status = new CollectorMain(List.of(new ImportCommand(out, errors, Map.of(), home), new LoginCommand()), out, errors)
                .run("import", "all", "--server", "http://127.0.0.1:" + APP.getLocalPort(), "--user", "alice", "--host", HOST);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(" 0 rejected");
        browser = Browser.start().as("alice").size(1200, 900);
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

    @Test
    void codexPatchesAreDiffsOfTheirFilesItsCommandsSitOverTheirOutputAndItsPlanIsAList() {
        WebElement main = open("codex", CODEX_WORK);

        List<WebElement> diffs = main.findElements(By.cssSelector("figure.diff"));
        assertThat(diffs).extracting(diff -> diff.findElement(By.cssSelector("code.path")).getText()).containsExactly(
                "src/agents/plugins/__tests__/codemie-code-reasoning.test.ts",
                "src/agents/plugins/codemie-code.plugin.ts",
                "src/agents/plugins/opencode/opencode.plugin.ts");
        WebElement patch = diffs.get(1);
        assertThat(patch.findElements(By.cssSelector("ins.d-add"))).extracting(WebElement::getText)
                .containsExactly("+    compaction: {", "+      auto: true,", "+      prune: true,", "+      threshold: 0.9,", "+    },");
        WebElement context = patch.findElement(By.cssSelector(".d-ctx"));
        WebElement added = patch.findElement(By.cssSelector("ins.d-add"));
        assertThat(added.getCssValue("background-color")).as("added lines stand out from the context")
                .isNotEqualTo(context.getCssValue("background-color"));
        assertThat(added.getCssValue("color")).isNotEqualTo(context.getCssValue("color"));
        scrollTo(patch);
        browser.screenshot("40-codex-patch");

        // Still running when its call returned: a later write_stdin poll read its output and its exit code.
        WebElement failed = shellRunning(main, "rg -n \"compact|compaction|compacting|summar|context\" "
                + "node_modules/opencode-ai node_modules/opencode --glob '!**/*.map' --glob '!**/*.jsonl'", true);
        assertThat(failed.findElement(By.cssSelector(".call-note")).getText()).isEqualTo("more output of process 59181");
        assertThat(failed.findElement(By.cssSelector(".out")).getAttribute("class")).contains("out-error");
        assertThat(failed.findElement(By.cssSelector(".exit")).getText()).isEqualTo("exit 2");
        assertThat(failed.findElement(By.cssSelector("pre.output")).getText())
                .isEqualTo("rg: node_modules/opencode-ai: No such file or directory (os error 2)\n"
                        + "rg: node_modules/opencode: No such file or directory (os error 2)");
        underItsCommand(failed);

        List<WebElement> plans = main.findElements(By.cssSelector("ul.todo"));
        assertThat(plans).hasSize(2);
        assertThat(plans.get(0).findElements(By.tagName("li"))).extracting(item -> item.findElement(By.cssSelector(".todo-state")).getText()
                + " " + item.findElement(By.cssSelector(".todo-text")).getText()).containsExactly(
                "IN PROGRESS Add failing tests for default compaction threshold in generated OpenCode env config",
                "TO DO Set default compaction threshold to 90% in generated OPENCODE_CONFIG_CONTENT paths",
                "TO DO Run focused verification");
        assertThat(plans.get(1).findElements(By.cssSelector("li.todo-done"))).hasSize(2);

        assertThat(tokenTips(main)).as("gpt-5.5 is not in the bundled price table").isNotEmpty()
                .allSatisfy(tip -> assertThat(tip).endsWith(" · not priced"));
        readsAsWorkAndRunsNothing(main);
    }

    @Test
    void aCodexScreenshotIsAnImageAndEachPricedResponseTellsItsCostOnHover() throws IOException {
        WebElement main = open("codex", CODEX_IMAGE);

        WebElement image = main.findElement(By.cssSelector("a.attachment img"));
        scrollTo(image);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image)));
        assertThat(image.getRect().getWidth()).as("scaled to the column").isLessThanOrEqualTo(main.getRect().getWidth());
        browser.screenshot("41-codex-image");

        WebElement failed = shellRunning(main, "cd /Users/jnarowski/Dev/spectora/src/spectora-labs-monorepo-v2 && sed -n '1,200p' "
                + "'apps/spectora-labs/src/app/(protected)/settings/teams/hooks/useTeamWithStats.ts'");
        assertThat(failed.findElement(By.cssSelector(".out")).getAttribute("class")).contains("out-error");
        assertThat(failed.findElement(By.cssSelector(".out-label")).getText()).isEqualToIgnoringCase("error");
        underItsCommand(failed);

        // The call that ran `ls apps/spectora-labs/src/app` reported input 168, output 167, cache read 4 224.
        WebElement tokens = main.findElement(By.xpath("//span[@class='turn-tokens'][contains(@title, 'input 168 · output 167')]"));
        assertThat(tokens.getAttribute("title")).isEqualTo("input 168 · output 167 · cache read 4\u202f224 · "
                + dollars(price("gpt-5-codex", 168, 167, 4224)));
        assertThat(tokenTips(main)).allSatisfy(tip -> assertThat(tip).matches(".* · \\$0\\.\\d{4}").doesNotEndWith("$0.0000"));
        readsAsWorkAndRunsNothing(main);
    }

    @Test
    void aGeminiReplaceIsADiffAndItsShellCommandsShowTheirOutputAndFailures() {
        WebElement main = open("gemini", GEMINI_EDIT);
        WebElement diff = main.findElement(By.cssSelector("figure.diff"));
        assertThat(diff.findElement(By.cssSelector("code.path")).getText()).isEqualTo("/private/tmp/gemini-test/created.txt");
        WebElement removed = diff.findElement(By.cssSelector("del.d-del"));
        WebElement added = diff.findElement(By.cssSelector("ins.d-add"));
        assertThat(removed.getText()).isEqualTo("-Hello from Gemini CLI");
        assertThat(added.getText()).isEqualTo("+Goodbye from Gemini CLI");
        assertThat(removed.getCssValue("color")).isNotEqualTo(added.getCssValue("color"));
        assertThat(removed.getCssValue("background-color")).isNotEqualTo(added.getCssValue("background-color"));
        readsAsWorkAndRunsNothing(main);

        main = open("gemini", GEMINI_SHELL);
        WebElement cancelled = shellRunning(main, "python3");
        assertThat(cancelled.findElement(By.cssSelector(".out")).getAttribute("class")).contains("out-error");
        assertThat(cancelled.findElement(By.cssSelector("pre.output")).getText())
                .isEqualTo("[Operation Cancelled] Reason: User cancelled the operation.");
        underItsCommand(cancelled);
        WebElement notFound = shellRunning(main, "pip install RestrictedPython");
        assertThat(notFound.findElement(By.cssSelector("pre.output")).getText()).isEqualTo("bash: line 1: pip: command not found");
        assertThat(notFound.findElement(By.cssSelector(".exit")).getText()).isEqualTo("exit 127");
        assertThat(notFound.findElement(By.cssSelector(".out")).getAttribute("class")).as("a non-zero exit is a failure")
                .contains("out-error");
        assertThat(notFound.findElement(By.cssSelector(".exit")).getCssValue("color"))
                .isNotEqualTo(shellRunning(main, "python3 -m venv /Users/jnarowski/Dev/playground/src/test-project/venv")
                        .findElement(By.cssSelector(".exit")).getCssValue("color"));
        underItsCommand(notFound);
        scrollTo(notFound);
        browser.screenshot("42-gemini-shell");
        assertThat(tokenTips(main)).as("the bundled table prices Anthropic and OpenAI models only").isNotEmpty()
                .allSatisfy(tip -> assertThat(tip).endsWith(" · not priced"));
        readsAsWorkAndRunsNothing(main);
    }

    @Test
    void anOpencodeEditIsADiffAndAFailedCommandLooksLikeOne() {
        WebElement main = open("opencode", OPENCODE_EDIT);
        WebElement diff = main.findElement(By.cssSelector("figure.diff"));
        assertThat(diff.findElement(By.cssSelector("code.path")).getText()).isEqualTo("src/parser.ts");
        assertThat(diff.findElement(By.cssSelector("del.d-del")).getText()).isEqualTo("-function parse");
        assertThat(diff.findElement(By.cssSelector("ins.d-add")).getText()).isEqualTo("+function safeParse");
        assertThat(diff.findElement(By.cssSelector("del.d-del")).getCssValue("color"))
                .isNotEqualTo(diff.findElement(By.cssSelector("ins.d-add")).getCssValue("color"));
        scrollTo(diff);
        browser.screenshot("43-opencode-edit");
        readsAsWorkAndRunsNothing(main);

        main = open("opencode", OPENCODE_SHELL);
        WebElement failed = shellRunning(main, "ls /non-existent-directory");
        assertThat(failed.findElement(By.cssSelector(".out")).getAttribute("class")).contains("out-error");
        assertThat(failed.findElement(By.cssSelector("pre.output")).getText()).isEqualTo("ls: /non-existent-directory: No such file or directory");
        assertThat(failed.findElement(By.cssSelector("pre.output")).getCssValue("color"))
                .as("an error's output reads differently from conversation").isNotEqualTo(main.getCssValue("color"));
        underItsCommand(failed);
        readsAsWorkAndRunsNothing(main);
    }

    @Test
    void aClaudeCodeSessionReadsAsItsWorkToo() {
        WebElement main = open("claude-code", CLAUDE_WORK);
        assertThat(main.findElements(By.cssSelector("figure.diff"))).isNotEmpty();
        assertThat(main.findElements(By.cssSelector("ul.todo"))).isNotEmpty();
        scrollTo(main.findElement(By.cssSelector("figure.diff")));
        browser.screenshot("44-claude-code-edit");
        readsAsWorkAndRunsNothing(main);
    }

    @Test
    void theStatsPageShowsTheModelsAndTheSplitInTheSameTable() {
        browser.open("http://127.0.0.1:" + APP.getLocalPort() + "/stats?range=all&split=tool");
        WebElement byModel = driver.findElement(By.xpath("//section[.//h2[@id='models-h']]"));
        WebElement byTool = driver.findElement(By.xpath("//section[.//h2[@id='breakdown-h']]"));
        assertThat(byModel.findElement(By.tagName("h2")).getText()).isEqualTo("By model");
        assertThat(byTool.findElement(By.tagName("h2")).getText()).isEqualTo("By tool");
        assertThat(byTool.findElements(By.cssSelector("thead th"))).extracting(WebElement::getText)
                .containsExactly("TOOL", "TURNS", "INPUT", "OUTPUT", "CACHE WRITE", "CACHE READ", "COST");
        assertThat(byModel.findElements(By.cssSelector("thead th")).subList(1, 7)).extracting(WebElement::getText)
                .containsExactly("TURNS", "INPUT", "OUTPUT", "CACHE WRITE", "CACHE READ", "COST");
        assertThat(byTool.findElements(By.cssSelector("tbody th"))).extracting(WebElement::getText)
                .contains("codex", "gemini", "opencode", "claude-code");
        assertThat(row(byModel, "gpt-5-codex").findElement(By.cssSelector("td:last-child")).getText()).matches("\\$\\d+\\.\\d+");
        assertThat(row(byModel, "gemini-2.5-pro").findElement(By.cssSelector("td:last-child")).getText())
                .matches("not priced \\(\\d+ turns\\)");
        assertThat(row(byTool, "gemini").findElement(By.cssSelector("td:last-child")).getText()).startsWith("not priced");
        assertThat(byModel.getAttribute("aria-labelledby")).isEqualTo("models-h");
        assertThat(byTool.getAttribute("aria-labelledby")).isEqualTo("breakdown-h");
        scrollTo(byModel);
        browser.screenshot("45-stats-tables");

        browser.open("http://127.0.0.1:" + APP.getLocalPort() + "/stats?from=2020-01-01&to=2020-01-31&split=tool");
        assertThat(driver.findElements(By.cssSelector("#models-h, #breakdown-h"))).as("no usage in that month, no tables").isEmpty();
        assertThat(driver.findElements(By.cssSelector("table.usage-table"))).isEmpty();
    }

    private static WebElement row(WebElement table, String key) {
        return table.findElement(By.xpath(".//tbody/tr[th[normalize-space()='" + key + "']]"));
    }

    private static WebElement open(String tool, String sessionId) {
        browser.open("http://127.0.0.1:" + APP.getLocalPort() + "/sessions/" + tool + "/" + HOST + "/" + sessionId);
        return driver.findElement(By.cssSelector("main .turns"));
    }

    private static void scrollTo(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** The shell block whose command is {@code command}, as the page shows it after the prompt. */
    private static WebElement shellRunning(WebElement main, String command) {
        return shellRunning(main, command, false);
    }

    /** The shell block showing {@code $ command}, the one that failed when {@code failed}; found in one script call, not one call per block (textContent: turns off screen are not laid out). */
    @SuppressWarnings("unchecked")
    private static WebElement shellRunning(WebElement main, String command, boolean failed) {
        List<WebElement> found = (List<WebElement>) driver.executeScript("""
                return Array.from(arguments[0].querySelectorAll('.shell')).filter(shell =>
                    shell.querySelector('pre.command').textContent === arguments[1]
                    && (!arguments[2] || shell.querySelector('.out-error') !== null));""", main, "$ " + command, failed);
        assertThat(found).as("shell calls showing $ %s", command).isNotEmpty();
        return found.get(0);
    }

    /** The output is right under its command, in the same block: no turn of its own between them. */
    private static void underItsCommand(WebElement shell) {
        Rectangle command = shell.findElement(By.cssSelector("pre.command")).getRect();
        Rectangle output = shell.findElement(By.cssSelector(".out")).getRect();
        assertThat(output.getY()).isGreaterThanOrEqualTo(command.getY() + command.getHeight() - 2)
                .isLessThan(command.getY() + command.getHeight() + 80);
    }

    /** The text of every element {@code selector} finds, stripped, read in one script call. */
    @SuppressWarnings("unchecked")
    private static List<String> texts(WebElement main, String selector) {
        return (List<String>) driver.executeScript(
                "return Array.from(arguments[0].querySelectorAll(arguments[1])).map(e => e.textContent.trim());", main, selector);
    }

    private static List<String> tokenTips(WebElement main) {
        return main.findElements(By.cssSelector(".turn-tokens")).stream().map(t -> t.getAttribute("title")).toList();
    }

    /**
     * The work as the page wrote it (commands, paths, list items, labels, call notes) holds no fence and no
     * escaped JSON; no output is wrapped in a fence and no call shows as its JSON input. (What the files and
     * outputs themselves hold may be anything: a Markdown file's fences, a model's literal "\\n".) Nothing in
     * the page is script and nothing ran: no dialog, and the browser logged nothing, as it would a CSP violation.
     */
    private static void readsAsWorkAndRunsNothing(WebElement main) {
        List<String> written = texts(main, "pre.command, code.path, .todo-text, .turn-detail, .call-note, .out-label, .exit");
        assertThat(written).isNotEmpty().noneMatch(text -> text.contains("```") || text.contains("\\n") || text.contains("{\""));
        assertThat(texts(main, "pre.output")).as("outputs wrapped in a fence").noneMatch(text -> text.startsWith("```") && text.endsWith("```"));
        @SuppressWarnings("unchecked")
        List<String> calls = (List<String>) driver.executeScript("""
                return Array.from(arguments[0].querySelectorAll('article'))
                    .filter(turn => (turn.querySelector('.turn-detail')?.textContent ?? '').startsWith('· calls'))
                    .map(turn => turn.querySelector('.turn-body').textContent.trim());""", main);
        assertThat(calls).as("the bodies of the calls").isNotEmpty()
                .noneMatch(text -> text.startsWith("{") || text.contains("```json"));
        assertThat(main.findElements(By.cssSelector("script, iframe, object, embed, [onerror], [onload]"))).isEmpty();
        assertThat(main.findElements(By.cssSelector("a[href^='javascript'], img[src^='javascript'], img[src^='data']"))).isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.consoleLog()).extracting(LogEntry::getMessage).as("browser console").isEmpty();
    }

    /** A response's cost from the bundled LiteLLM table, computed here by hand (no tier is reached). */
    private static double price(String model, long input, long output, long cacheRead) throws IOException {
        try (InputStream in = AssistantSessionsInBrowserTest.class.getClassLoader().getResourceAsStream("pricing/model-prices.json")) {
            JsonNode prices = Http.JSON.readTree(in).path(model);
            return input * prices.path("input_cost_per_token").asDouble() + output * prices.path("output_cost_per_token").asDouble()
                    + cacheRead * prices.path("cache_read_input_token_cost").asDouble();
        }
    }

    private static String dollars(double amount) {
        return "$" + BigDecimal.valueOf(amount).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
