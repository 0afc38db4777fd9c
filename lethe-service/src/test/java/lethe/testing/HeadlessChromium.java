package lethe.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both are named explicitly so that
 * Selenium never tries to download a driver. A machine without them fails the test (never skips it):
 * {@code apt-get install -y chromium chromium-driver}, as {@code .ci/run} does.
 */
public final class HeadlessChromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--no-proxy-server", "--window-size=1280,900");

    private HeadlessChromium() {
    }

    /** A fresh browser; {@code quit()} it when done. Extra command-line switches come after the defaults. */
    public static ChromeDriver start(String... extraArguments) {
        for (Path required : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: browser tests need Debian's chromium and"
                        + " chromium-driver (apt-get install -y chromium chromium-driver).");
            }
        }
        List<String> arguments = new ArrayList<>(ARGUMENTS);
        arguments.addAll(List.of(extraArguments));
        ChromeOptions options = new ChromeOptions().setBinary(BINARY.toFile()).addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
