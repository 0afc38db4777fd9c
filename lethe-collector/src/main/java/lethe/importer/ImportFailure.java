package lethe.importer;

/** A reason to stop an import that needs no stack trace: the message says what to do. */
public class ImportFailure extends RuntimeException {

    public ImportFailure(String message) {
        super(message);
    }

    public ImportFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
