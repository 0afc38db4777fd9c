package lethe.login;

import lethe.collector.CollectorCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code java -jar lethe.jar login --issuer URL --client-id ID}: signs this machine in with the device
 * code flow and stores the tokens for the importer ({@link LoginTokens}).
 */
public class LoginCommand implements CollectorCommand {

    static final String DEFAULT_SCOPE = "openid profile offline_access";

    @Override
    public String name() {
        return "login";
    }

    @Override
    public String description() {
        return "Sign this machine in to lethe through your OpenID provider (device code flow)";
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--issuer").required(true)
                .help("the OpenID provider's issuer URL, as in lethe's auth.oidc.issuer");
        subparser.addArgument("--client-id").dest("client_id").required(true)
                .help("the public client registered for lethe's device login");
        subparser.addArgument("--scope").setDefault(DEFAULT_SCOPE)
                .help("scopes to request (default: " + DEFAULT_SCOPE + "; offline_access brings the refresh token)");
        subparser.addArgument("--audience")
                .help("audience to request, for providers that need it asked for explicitly (Authelia: lethe's auth.oidc.audience)");
        subparser.addArgument("--tokens-file").dest("tokens_file")
                .help("where to store the tokens (default: $XDG_CONFIG_HOME/lethe/tokens.json or ~/.config/lethe/tokens.json)");
    }

    @Override
    public void run(Namespace arguments) {
        TokenFile file = new TokenFile(arguments.getString("tokens_file") != null
                ? Path.of(arguments.getString("tokens_file")) : TokenFile.defaultLocation());
        StoredTokens tokens = new DeviceLogin(new OAuthHttp(), Waiting.REAL, System.out).login(
                arguments.getString("issuer"), arguments.getString("client_id"),
                arguments.getString("scope"), arguments.getString("audience"));
        file.write(tokens);
        System.out.println("Signed in. Tokens saved in " + file.path() + " (readable only by you).");
        if (tokens.expiresAt() != null) {
            System.out.println("The access token is valid until " + Instant.ofEpochSecond(tokens.expiresAt())
                    + (tokens.refreshToken() != null ? "; it is refreshed automatically." : "."));
        }
        if (tokens.refreshToken() == null) {
            System.out.println("warning: the provider issued no refresh token, so you will have to log in again when"
                    + " the access token expires; allow the offline_access scope for this client.");
        }
    }

    @Override
    public Optional<String> explain(Throwable failure) {
        return failure instanceof LoginException ? Optional.of("error: " + failure.getMessage()) : Optional.empty();
    }
}
