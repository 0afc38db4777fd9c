package lethe.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import lethe.collector.CollectorCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Offers a collector command ({@code import}, {@code login}) as a command of {@code lethe.jar}: the same
 * options, output and exit status as in the slim {@code lethe-collector.jar}. The collector's commands
 * need no configuration file, so Dropwizard's bootstrap is not passed on.
 */
public final class CollectorCommandAdapter extends Command {

    private final CollectorCommand command;

    public CollectorCommandAdapter(CollectorCommand command) {
        super(command.name(), command.description());
        this.command = command;
    }

    @Override
    public void configure(Subparser subparser) {
        command.configure(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        command.run(namespace);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable failure) {
        command.explain(failure).ifPresentOrElse(cli.getStdErr()::println,
                () -> super.onError(cli, namespace, failure));
    }
}
