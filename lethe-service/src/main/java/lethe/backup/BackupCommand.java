package lethe.backup;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import lethe.LetheConfiguration;
import lethe.db.SqlDialect;
import lethe.db.SqliteFile;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.nio.file.Path;

/** {@code java -jar lethe.jar backup config.yml /backups/lethe.db [--force]}: a checked online copy. */
public class BackupCommand extends ConfiguredCommand<LetheConfiguration> {

    private static final String TARGET = "target";
    private static final String FORCE = "force";

    public BackupCommand() {
        super("backup", "Writes a consistent, integrity-checked copy of the database; safe while lethe is serving");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument(TARGET)
                .metavar("BACKUP_FILE")
                .help("where to write the copy (refused if it exists, unless --force)");
        subparser.addArgument("--" + FORCE)
                .dest(FORCE)
                .action(Arguments.storeTrue())
                .help("overwrite BACKUP_FILE if it exists");
    }

    @Override
    protected void run(Bootstrap<LetheConfiguration> bootstrap, Namespace namespace, LetheConfiguration config) {
        if (SqlDialect.of(config.getDatabase().getUrl()) == SqlDialect.POSTGRESQL) {
            // PostgreSQL's own tools do this better than lethe could: consistent, online, and restorable anywhere.
            throw new BackupFailedException("database.url is a PostgreSQL database; back it up with PostgreSQL's own tools, "
                    + "e.g. pg_dump --format=custom --file=lethe.dump <database> (online and consistent), "
                    + "or the provider's snapshots. See docs/scale-out.md.");
        }
        Path database = SqliteFile.of(config.getDatabase().getUrl())
                .orElseThrow(() -> new BackupFailedException("database.url names an in-memory database; there is nothing to back up"));
        OnlineBackup.Result result = OnlineBackup.copy(database, Path.of(namespace.getString(TARGET)),
                Boolean.TRUE.equals(namespace.getBoolean(FORCE)));
        System.out.printf("backup written to %s: %d bytes, %d sessions, %d turns, integrity_check ok%n",
                result.target(), result.bytes(), result.sessions(), result.turns());
    }

    /** A refused or failed backup is an operator's matter: one clear line, no stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof BackupFailedException) {
            cli.getStdErr().println("backup failed: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
