package lethe.auth.apikey.cli;

import lethe.LetheConfiguration;
import lethe.api.ApiKey;
import lethe.auth.apikey.ApiKeyService;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.PrintStream;
import java.util.List;

/** {@code keys list config.yml [--user alice]}: ids, names and state, never secrets. */
final class ListKeys implements KeysAction {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String description() {
        return "List API keys (all users', or one user's with --user)";
    }

    @Override
    public void configure(Subparser parser) {
        parser.addArgument("--user").help("only this user's keys");
    }

    @Override
    public void run(ApiKeyService keys, Namespace arguments, LetheConfiguration config, PrintStream out, PrintStream err) {
        String user = arguments.getString("user");
        List<ApiKey> listed = keys.list(user == null ? null : KeysCommand.checkUser(user));
        if (listed.isEmpty()) {
            out.println(user == null ? "No API keys." : "No API keys for " + user + ".");
            return;
        }
        KeyTable.print(listed, out);
    }
}
