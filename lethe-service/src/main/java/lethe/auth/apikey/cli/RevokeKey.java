package lethe.auth.apikey.cli;

import lethe.LetheConfiguration;
import lethe.api.ApiKey;
import lethe.auth.apikey.ApiKeyService;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.PrintStream;

/** {@code keys revoke config.yml KEY_ID [--user alice]}: effective at the server's next request. */
final class RevokeKey implements KeysAction {

    @Override
    public String name() {
        return "revoke";
    }

    @Override
    public String description() {
        return "Revoke an API key by its id (as shown by keys list)";
    }

    @Override
    public void configure(Subparser parser) {
        parser.addArgument("id").help("the key's id, e.g. 4kTq9ZpWmB2x (also the part after lethe_ in the secret)");
        parser.addArgument("--user").help("refuse unless the key belongs to this user");
    }

    @Override
    public void run(ApiKeyService keys, Namespace arguments, LetheConfiguration config, PrintStream out, PrintStream err) {
        String id = arguments.getString("id");
        String user = arguments.getString("user");
        ApiKey revoked = keys.revoke(id, user == null ? null : KeysCommand.checkUser(user))
                .orElseThrow(() -> new CommandFailure("There is no API key " + id + (user == null ? "" : " of " + user) + "."));
        out.println("Revoked API key " + revoked.id() + " (\"" + revoked.name() + "\") of " + revoked.owner()
                + "; lethe refuses it from now on.");
    }
}
