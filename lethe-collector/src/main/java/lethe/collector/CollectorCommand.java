package lethe.collector;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.util.Optional;

/**
 * A command of the collector ({@code import}, {@code login}) written against argparse4j alone, so that the
 * same command runs in the slim {@code lethe-collector.jar} ({@link CollectorMain}) and, through a thin
 * adapter, in {@code lethe.jar}, whose Dropwizard command line is argparse4j too.
 */
public interface CollectorCommand {

    /** The word that selects the command: {@code java -jar lethe-collector.jar NAME …}. */
    String name();

    /** One line for the list of commands. */
    String description();

    void configure(Subparser subparser);

    void run(Namespace namespace) throws Exception;

    /**
     * The one sentence a user sees for a failure the command expects (a refusal, a mistaken option), or
     * empty for anything else, which is a bug and shown with its stack trace.
     */
    Optional<String> explain(Throwable failure);
}
