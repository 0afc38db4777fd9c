package lethe.auth.apikey.cli;

import ch.qos.logback.classic.Level;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import lethe.LetheConfiguration;
import lethe.auth.apikey.ApiKeyService;
import lethe.problem.ProblemException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar lethe.jar keys create|list|revoke config.yml …}: API keys managed by the operator,
 * straight in the database the config file names (the server may be running or not).
 */
public class KeysCommand extends ConfiguredCommand<LetheConfiguration> {

    private static final String ACTION = "keys_action";

    private final Map<String, KeysAction> actions = new LinkedHashMap<>();

    public KeysCommand() {
        super("keys", "Create, list and revoke API keys in the database of a config file");
        for (KeysAction action : List.of(new CreateKey(), new ListKeys(), new RevokeKey())) {
            actions.put(action.name(), action);
        }
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers subparsers = subparser.addSubparsers().title("actions");
        for (KeysAction action : actions.values()) {
            Subparser parser = subparsers.addParser(action.name())
                    .setDefault(ACTION, action.name())
                    .help(action.description())
                    .description(action.description());
            addFileArgument(parser);
            action.configure(parser);
        }
    }

    @Override
    protected void run(Bootstrap<LetheConfiguration> bootstrap, Namespace arguments, LetheConfiguration config)
            throws Exception {
        // The server's INFO lines (pragmas, migrations) would bury the one thing the user must read.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        KeysAction action = actions.get(arguments.getString(ACTION));
        try (CommandDatabase database = CommandDatabase.open(bootstrap, config)) {
            action.run(ApiKeyService.forCommands(database.database()), arguments, config, System.out, System.err);
        }
    }

    @Override
    public void onError(Cli cli, Namespace arguments, Throwable failure) {
        if (failure instanceof CommandFailure || failure instanceof ProblemException) {
            cli.getStdErr().println("error: " + failure.getMessage());
        } else {
            super.onError(cli, arguments, failure);
        }
    }

    /** A user name as an identity provider or proxy would send it: no control characters, not too long. */
    static String checkUser(String user) {
        if (user == null || user.isBlank() || user.length() > 256 || user.chars().anyMatch(Character::isISOControl)) {
            throw new CommandFailure("--user must be a user name of 1-256 characters.");
        }
        return user.strip();
    }
}
