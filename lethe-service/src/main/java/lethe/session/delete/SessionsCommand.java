package lethe.session.delete;

import ch.qos.logback.classic.Level;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import lethe.LetheConfiguration;
import lethe.auth.apikey.cli.CommandDatabase;
import lethe.auth.apikey.cli.CommandFailure;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar lethe.jar sessions delete config.yml --owner alice TOOL HOST SESSION_ID}: the operator
 * deletes a session for good, straight in the database the config names, while lethe serves or not.
 */
public class SessionsCommand extends ConfiguredCommand<LetheConfiguration> {

    public SessionsCommand() {
        super("sessions", "Delete a session for good from the database of a config file");
    }

    @Override
    public void configure(Subparser subparser) {
        Subparser delete = subparser.addSubparsers().title("actions").addParser("delete")
                .help("Delete a session, its turns, search entries and usage for good")
                .description("Delete a session, its turns, search entries and usage for good; the key is remembered "
                        + "so that importers run with --skip-deleted leave it out.");
        addFileArgument(delete);
        delete.addArgument("--owner").required(true).help("the user the session belongs to");
        delete.addArgument("tool").help("e.g. claude-code");
        delete.addArgument("host").help("the host the collector named");
        delete.addArgument("session_id").help("the session's id");
    }

    @Override
    protected void run(Bootstrap<LetheConfiguration> bootstrap, Namespace arguments, LetheConfiguration config)
            throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        String owner = arguments.getString("owner");
        String key = arguments.getString("tool") + "/" + arguments.getString("host") + "/" + arguments.getString("session_id");
        try (CommandDatabase database = CommandDatabase.open(bootstrap, config)) {
            boolean deleted = new SessionDeletion(database.database())
                    .delete(owner, arguments.getString("tool"), arguments.getString("host"), arguments.getString("session_id"));
            if (!deleted) {
                throw new CommandFailure("There is no session " + key + " of " + owner + ".");
            }
        }
        System.out.println("Deleted session " + key + " of " + owner + " for good.");
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
