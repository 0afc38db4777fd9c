package lethe.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real ccusage 18.0.11 (npm) over a directory laid out as {@code ~/.claude}. Found through
 * {@code LETHE_CCUSAGE} (which .ci/run sets after installing it), else installed once with npm under
 * {@code target/ccusage}.
 */
final class Ccusage {

    static final String VERSION = "18.0.11";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ccusage() {
    }

    /** {@code ccusage <report> --json --offline --timezone <zone>} with {@code CLAUDE_CONFIG_DIR=claudeDir}. */
    static JsonNode report(String report, Path claudeDir, String zone) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(binary().toString(), report, "--json", "--offline", "--timezone", zone);
        builder.environment().put("CLAUDE_CONFIG_DIR", claudeDir.toString());
        String out = run(builder);
        return JSON.readTree(out);
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        String given = System.getenv("LETHE_CCUSAGE");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path prefix = Path.of("target", "ccusage").toAbsolutePath();
        Path binary = prefix.resolve("node_modules/.bin/ccusage");
        if (!Files.isExecutable(binary)) {
            run(new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund",
                    "--prefix", prefix.toString(), "ccusage@" + VERSION));
        }
        return binary;
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path err = Files.createTempFile("ccusage", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> list = new java.util.ArrayList<>();
        node.forEach(list::add);
        return list;
    }
}
