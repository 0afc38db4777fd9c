package lethe.auth.apikey.cli;

/** A mistake in a command's arguments or situation: printed as one sentence, without a stack trace. */
public final class CommandFailure extends RuntimeException {

    public CommandFailure(String message) {
        super(message);
    }
}
