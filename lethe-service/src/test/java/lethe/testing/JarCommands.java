package lethe.testing;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import lethe.LetheApplication;
import lethe.LetheConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs a command of the jar ({@code keys create …}) in this JVM, the way {@code java -jar lethe.jar}
 * would, and captures what it prints. Commands print to {@code System.out}, so it is swapped for the
 * duration; runs are serialised. The {@code dw.*} system properties through which a running
 * {@code DropwizardAppExtension} applies its config overrides are set aside meanwhile: Dropwizard would
 * apply them to the command's config file too, which a real {@code java -jar} never sees.
 */
public final class JarCommands {

    private JarCommands() {
    }

    public record Result(boolean succeeded, String out, String err) {
        @Override
        public String toString() {
            return (succeeded ? "succeeded" : "failed") + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    public static synchronized Result run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Properties overrides = setAsideDropwizardOverrides();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // Built after the swap: the collector's commands take their streams when constructed.
            LetheApplication application = new LetheApplication();
            Bootstrap<LetheConfiguration> bootstrap = new Bootstrap<>(application);
            application.initialize(bootstrap);
            Optional<Throwable> failure = new Cli(new JarLocation(LetheApplication.class), bootstrap, out, err).run(arguments);
            return new Result(failure.isEmpty(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.getProperties().putAll(overrides);
        }
    }

    private static Properties setAsideDropwizardOverrides() {
        Properties setAside = new Properties();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("dw.")) {
                setAside.setProperty(name, System.getProperty(name));
                System.clearProperty(name);
            }
        }
        return setAside;
    }
}
