package lethe.auth.apikey.cli;

import lethe.LetheConfiguration;
import lethe.api.CreatedApiKey;
import lethe.auth.apikey.ApiKeyService;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.PrintStream;

/** {@code keys create config.yml --user alice [--name laptop] [--expires 90d]}: prints the secret, once. */
final class CreateKey implements KeysAction {

    @Override
    public String name() {
        return "create";
    }

    @Override
    public String description() {
        return "Create an API key for a user and print its secret (shown only this once)";
    }

    @Override
    public void configure(Subparser parser) {
        parser.addArgument("--user").required(true).help("the user the key signs in as");
        parser.addArgument("--name").setDefault("unnamed").help("what the key is for, e.g. the machine it goes on");
        parser.addArgument("--expires").setDefault("never").help("lifetime such as 90d, 12h or 8w; default: never");
    }

    @Override
    public void run(ApiKeyService keys, Namespace arguments, LetheConfiguration config, PrintStream out, PrintStream err) {
        if (config.getAuth().isLocalMode()) {
            throw new CommandFailure("This configuration runs lethe in local mode (auth.local_user, or no config file),"
                    + " where API keys are not accepted. Pass the config.yml of a multi-user lethe.");
        }
        String user = KeysCommand.checkUser(arguments.getString("user"));
        if (!config.getAuth().getAllowedUsers().contains(user)) {
            err.println("warning: " + user + " is not in auth.allowed_users; the key will be refused (403) until they are.");
        }
        CreatedApiKey created = keys.create(user, arguments.getString("name"), Lifetimes.parse(arguments.getString("expires")));
        out.println("Created API key " + created.key().id() + " (\"" + created.key().name() + "\") for " + user
                + ", expires " + KeyTable.time(created.key().expiresAt(), "never") + ".");
        out.println();
        out.println("    " + created.secret());
        out.println();
        out.println("This is the only time the secret is shown; lethe keeps just a hash of it.");
        out.println("A collector sends it as:  Authorization: Bearer <secret>");
    }
}
