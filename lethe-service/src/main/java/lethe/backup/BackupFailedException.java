package lethe.backup;

/** A backup that was not written; the message says why and what to do, for a person reading cron mail. */
public class BackupFailedException extends RuntimeException {

    public BackupFailedException(String message) {
        super(message);
    }

    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
