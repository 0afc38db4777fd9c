package lethe.redact;

import ch.qos.logback.classic.Level;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import lethe.LetheConfiguration;
import lethe.auth.apikey.cli.CommandDatabase;
import lethe.auth.apikey.cli.CommandFailure;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * {@code java -jar lethe.jar redact config.yml [--dry-run] [--batch N]}: runs the configured redaction
 * rules over everything already stored (turns stored before redaction was on, or before a rule was
 * added): content, tool outputs, tool inputs, attachment names and session meta, while lethe keeps
 * serving. Changed turns are re-indexed for search as they are rewritten.
 */
public class RedactCommand extends ConfiguredCommand<LetheConfiguration> {

    public RedactCommand() {
        super("redact", "Redact secrets in what is already stored, with the rules of a config file");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--dry-run").action(Arguments.storeTrue())
                .help("only count what would be redacted; change nothing");
        subparser.addArgument("--batch").type(Integer.class).setDefault(1000)
                .help("turns read and rewritten per transaction (default 1000)");
    }

    @Override
    protected void run(Bootstrap<LetheConfiguration> bootstrap, Namespace arguments, LetheConfiguration config)
            throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        if (!config.getRedaction().isEnabled()) {
            throw new CommandFailure("redaction.enabled is false in this config: there are no rules to run.");
        }
        int batch = arguments.getInt("batch");
        if (batch < 1 || batch > 100_000) {
            throw new CommandFailure("--batch must be between 1 and 100000.");
        }
        boolean dryRun = arguments.getBoolean("dry_run");
        Redactor redactor = config.getRedaction().redactor();
        Rescan.Outcome outcome;
        try (CommandDatabase database = CommandDatabase.open(bootstrap, config)) {
            outcome = new Rescan(database.database(), redactor, bootstrap.getObjectMapper(), batch).run(dryRun, System.err);
        }
        String verb = dryRun ? "would redact" : "redacted";
        System.out.println("Scanned " + outcome.turnsScanned() + " turns and " + outcome.sessionsScanned() + " sessions; "
                + verb + " " + outcome.tally().total() + " secrets in " + outcome.turnsChanged() + " turns, "
                + outcome.sessionsChanged() + " session metas and " + outcome.attachmentsChanged() + " attachment names.");
        for (Map.Entry<String, Long> rule : outcome.tally().byRule().entrySet()) {
            System.out.println("  " + rule.getKey() + ": " + rule.getValue());
        }
    }

    @Override
    public void onError(Cli cli, Namespace arguments, Throwable failure) {
        if (failure instanceof CommandFailure) {
            cli.getStdErr().println("error: " + failure.getMessage());
        } else {
            super.onError(cli, arguments, failure);
        }
    }
}
