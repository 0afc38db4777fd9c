package lethe.collector;

import lethe.importer.ImportCommand;
import lethe.login.LoginCommand;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparsers;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar lethe-collector.jar import …|login …}: the collector's commands without the server, for
 * machines that only collect. Exit status 0 on success, 1 on any failure (after one sentence or, for a
 * bug, a stack trace on standard error), as {@code java -jar lethe.jar} does.
 */
public final class CollectorMain {

    static final String PROGRAM = "java -jar lethe-collector.jar";
    private static final String COMMAND = "command";

    private final Map<String, CollectorCommand> commands = new LinkedHashMap<>();
    private final PrintStream out;
    private final PrintStream err;

    public CollectorMain(List<CollectorCommand> commands, PrintStream out, PrintStream err) {
        commands.forEach(command -> this.commands.put(command.name(), command));
        this.out = out;
        this.err = err;
    }

    public static void main(String[] arguments) {
        CollectorMain main = new CollectorMain(List.of(new ImportCommand(), new LoginCommand()), System.out, System.err);
        System.exit(main.run(arguments));
    }

    /** Runs one command line and answers the exit status. */
    public int run(String... arguments) {
        ArgumentParser parser = ArgumentParsers.newFor(PROGRAM).build()
                .description("Sends AI coding-assistant transcripts from this machine to a lethe server.");
        Subparsers subparsers = parser.addSubparsers().title("commands").dest(COMMAND).metavar("COMMAND");
        for (CollectorCommand command : commands.values()) {
            command.configure(subparsers.addParser(command.name()).help(command.description())
                    .description(command.description()));
        }
        Namespace namespace;
        try {
            namespace = parser.parseArgs(arguments);
        } catch (HelpScreenException help) {
            return 0;
        } catch (ArgumentParserException mistake) {
            PrintWriter writer = new PrintWriter(err, true, StandardCharsets.UTF_8);
            mistake.getParser().handleError(mistake, writer);
            writer.flush();
            return 1;
        }
        CollectorCommand command = commands.get(namespace.getString(COMMAND));
        try {
            command.run(namespace);
            out.flush();
            return 0;
        } catch (Exception | Error failure) {
            Optional<String> sentence = command.explain(failure);
            if (sentence.isPresent()) {
                err.println(sentence.get());
            } else {
                failure.printStackTrace(err);
            }
            return 1;
        }
    }
}
