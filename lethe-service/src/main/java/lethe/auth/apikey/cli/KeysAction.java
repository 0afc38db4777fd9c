package lethe.auth.apikey.cli;

import lethe.LetheConfiguration;
import lethe.auth.apikey.ApiKeyService;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.PrintStream;

/** One of {@code keys create|list|revoke}. */
interface KeysAction {

    String name();

    String description();

    void configure(Subparser parser);

    void run(ApiKeyService keys, Namespace arguments, LetheConfiguration config, PrintStream out, PrintStream err);
}
